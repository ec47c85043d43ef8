package dev.contedor.runtime.plugins;

/** Why a plugin cannot be used: the message says what is wrong and, where there is one, the fix. */
final class PluginRefusal extends Exception {
    PluginRefusal(String message) {
        super(message, null, false, false);
    }

    PluginRefusal(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

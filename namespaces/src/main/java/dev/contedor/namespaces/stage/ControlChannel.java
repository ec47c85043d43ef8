package dev.contedor.namespaces.stage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/** The framed message channel to the native stage: u32 type ({@link WireFormat.Message}), u32 length, payload. */
final class ControlChannel implements AutoCloseable {
    record Message(int type, ByteBuffer payload) {
        boolean is(WireFormat.Message kind) {
            return type == kind.code();
        }
    }

    private final SocketChannel channel;
    private final Object writeLock = new Object();

    ControlChannel(SocketChannel channel) {
        this.channel = channel;
    }

    void send(WireFormat.Message type, byte[] payload) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(type.code()).putInt(payload.length).put(payload).flip();
        synchronized (writeLock) {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    }

    /** The next message, or {@code null} when the stage has closed the channel. */
    Message receive() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(header)) {
            return null;
        }
        int type = header.getInt(0);
        int length = header.getInt(4);
        if (length < 0 || length > (1 << 20)) {
            throw new IOException("bad message from the native stage (length " + length + ")");
        }
        ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(payload)) {
            throw new EOFException("native stage closed mid-message");
        }
        return new Message(type, payload);
    }

    private boolean readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                if (buf.position() == 0) {
                    return false;
                }
                throw new EOFException("native stage closed mid-message");
            }
        }
        buf.flip();
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the stage sees EOF either way
        }
    }
}

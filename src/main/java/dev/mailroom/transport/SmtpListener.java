package dev.mailroom.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts connections on one address and gives each its own virtual thread. */
public final class SmtpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    /** Deep enough for bursts of new connections (benchmarks open thousands at once). */
    private static final int BACKLOG = 4096;

    private final ServerSocket serverSocket;
    /** Replaced on reload; each connection keeps the services and security it was accepted with. */
    private volatile ConnectionServices services;
    private volatile ListenerSecurity security;
    private final Thread acceptor;

    private SmtpListener(ServerSocket serverSocket, ConnectionServices services, ListenerSecurity security) {
        this.serverSocket = serverSocket;
        this.services = services;
        this.security = security;
        this.acceptor = Thread.ofVirtual().name("smtp-accept-" + serverSocket.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Binds {@code address} (port 0 picks a free port) and starts accepting. */
    public static SmtpListener start(InetSocketAddress address, ConnectionServices services) throws IOException {
        return start(address, services, ListenerSecurity.NONE);
    }

    /** Binds {@code address} (port 0 picks a free port) and starts accepting, with this TLS and AUTH offer. */
    public static SmtpListener start(InetSocketAddress address, ConnectionServices services, ListenerSecurity security)
            throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(address, BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        SmtpListener listener = new SmtpListener(serverSocket, services, security);
        listener.acceptor.start();
        return listener;
    }

    /** Connections accepted from now on use these services (a reloaded configuration). */
    public void serveWith(ConnectionServices next) {
        this.services = next;
    }

    /** Connections accepted from now on use these services and this TLS and AUTH offer (a reloaded configuration). */
    public void serveWith(ConnectionServices next, ListenerSecurity nextSecurity) {
        this.security = nextSecurity;
        this.services = next;
    }

    /** What this listener offers connections accepted now. */
    public ListenerSecurity security() {
        return security;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                ConnectionServices current = services;
                ListenerSecurity offer = security;
                if (current.protection().expectsProxyHeader(socket.getInetAddress())) {
                    Thread.ofVirtual().name("smtp-session").start(() -> proxied(socket, current, offer));
                } else {
                    Thread.ofVirtual().name("smtp-session").start(new SmtpConnection(socket, socket.getInetAddress(), current, offer));
                }
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("event=accept-error address={} reason=\"{}\"", address(), e.getMessage());
                }
            }
        }
    }

    /**
     * A connection from a configured proxy: its PROXY header names the real client, which the limits, lists and
     * logs then see. A connection without a valid header is dropped without a word.
     */
    private static void proxied(Socket socket, ConnectionServices services, ListenerSecurity offer) {
        InetAddress client;
        try {
            socket.setSoTimeout((int) services.transport().idleTimeout().toMillis());
            client = ProxyHeader.read(socket.getInputStream()).orElse(socket.getInetAddress());
        } catch (IOException e) {
            LOG.info("event=proxy-header-error proxy={} reason=\"{}\"", socket.getInetAddress().getHostAddress(), e.getMessage());
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone already
            }
            return;
        }
        new SmtpConnection(socket, client, services, offer).run();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.mailroom.e2e;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Angus Mail (the Jakarta Mail implementation) as an ordinary SMTP client of the server under test. */
public final class AngusClient {
    private final Session session;

    private AngusClient(Session session) {
        this.session = session;
    }

    /**
     * A client of 127.0.0.1:{@code port}; {@code options} are further {@code mail.smtp.*} properties (objects
     * where Angus takes them, such as {@code mail.smtp.ssl.socketFactory}).
     */
    public static AngusClient forPort(int port, Map<String, ?> options) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.localhost", "client.test");
        properties.put("mail.smtp.connectiontimeout", "20000");
        properties.put("mail.smtp.timeout", "20000");
        properties.putAll(options);
        return new AngusClient(Session.getInstance(properties));
    }

    public static AngusClient forPort(int port) {
        return forPort(port, Map.of());
    }

    /** A plain-text message, ready to send; {@code text} should end its lines with CRLF. */
    public MimeMessage message(String from, String subject, String text, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    /** Sends the message to all its recipients and returns the server's last reply, e.g. {@code 250 ...}. */
    public String send(MimeMessage message) throws MessagingException {
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse().strip();
        }
    }

    /** Logs in as {@code user} (with {@code mail.smtp.auth} set) and sends; returns the server's last reply. */
    public String send(MimeMessage message, String user, String password) throws MessagingException {
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse().strip();
        }
    }

    /** The message as the client sent it (before dot-stuffing): what the server stores after its trace headers. */
    public static byte[] bytesOf(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }
}

package dev.mailroom.cli;

import picocli.CommandLine;

final class HostPortConverter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("port must be a number in '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.TypeConversionException("port out of range in '" + value + "'");
        }
        return new HostPort(host, port);
    }
}

package dev.launch.testing;

import dev.launch.ports.PortProbe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Run inside a private network namespace where a NAT rule sends 127.0.0.1:PORT to 127.0.0.1:TARGET:
 * listens on TARGET, then prints what PortProbe says of PORT ("isFree=false probe=[...]").
 * Args: PORT TARGET
 */
public final class NatProbeMain {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int target = Integer.parseInt(args[1]);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), target));
            System.out.println("isFree=" + PortProbe.isFree(port) + " probe=" + PortProbe.probe(port).reasons());
        }
    }
}

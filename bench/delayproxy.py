#!/usr/bin/env python3
"""delayproxy.py - a unix-socket proxy that adds network latency.

    delayproxy.py LISTEN UPSTREAM RTT_MS [STATS]

Listens on the unix socket LISTEN and forwards every connection to the
unix socket UPSTREAM (a libvirt daemon's libvirt-sock).  Each chunk of
bytes is delivered RTT_MS/2 milliseconds after it arrived, in either
direction, and chunks stay in order: a request and its reply cost one
round trip of RTT_MS, as on a WAN link, while calls that are in flight
together overlap (latency, not bandwidth).  When STATS is given, each
closed connection appends one line to it, read from libvirt's RPC
framing: the calls the client made, the replies, and the most calls
that were in flight at once (1 for a client that waits for each reply;
more when it multiplexes calls on the connection).
"""
import asyncio
import os
import sys


class Rpc:
    """Counts libvirt RPC calls and replies on one connection.  A
    message is a 4-byte big-endian length (itself included), then
    program, version, procedure, type, serial, status; type 0 is a
    call, 1 its reply (keepalives are type 2, messages)."""

    def __init__(self):
        self.buf = [b"", b""]
        self.calls = 0
        self.replies = 0
        self.max_in_flight = 0

    def feed(self, me, data):
        buf = self.buf[me] + data
        while len(buf) >= 28:
            size = int.from_bytes(buf[0:4], "big")
            if size < 28 or len(buf) < size:
                break
            kind = int.from_bytes(buf[16:20], "big")
            if me == 0 and kind == 0:
                self.calls += 1
            elif me == 1 and kind == 1:
                self.replies += 1
            self.max_in_flight = max(self.max_in_flight,
                                     self.calls - self.replies)
            buf = buf[size:]
        self.buf[me] = buf


async def pump(reader, writer, delay, rpc, me):
    """Copies reader to writer, each chunk delay seconds late."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                break
            writer.write(data)
            await writer.drain()
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass

    task = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            rpc.feed(me, data)
            await queue.put((loop.time() + delay, data))
    except (ConnectionError, OSError):
        pass
    await queue.put((loop.time() + delay, None))
    try:
        await task
    except (ConnectionError, OSError):
        pass


async def serve(listen, upstream, delay, stats):
    async def handle(creader, cwriter):
        try:
            ureader, uwriter = await asyncio.open_unix_connection(upstream)
        except OSError as e:
            print("delayproxy: %s: %s" % (upstream, e), file=sys.stderr)
            cwriter.close()
            return
        rpc = Rpc()
        await asyncio.gather(
            pump(creader, uwriter, delay, rpc, 0),
            pump(ureader, cwriter, delay, rpc, 1))
        uwriter.close()
        cwriter.close()
        if stats:
            with open(stats, "a") as f:
                f.write("calls %d replies %d max_in_flight %d\n" %
                        (rpc.calls, rpc.replies, rpc.max_in_flight))

    server = await asyncio.start_unix_server(handle, path=listen)
    os.chmod(listen, 0o777)
    async with server:
        await server.serve_forever()


def main(argv):
    if len(argv) not in (4, 5):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    listen, upstream, rtt = argv[1], argv[2], float(argv[3])
    if os.path.exists(listen):
        os.unlink(listen)
    try:
        asyncio.run(serve(listen, upstream, rtt / 2000.0,
                          argv[4] if len(argv) == 5 else None))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

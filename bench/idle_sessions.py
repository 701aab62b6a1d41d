"""Opens N SMTP sessions to a server on loopback, each reading the greeting and sending EHLO, keeps them idle,
and meanwhile measures how long a new session waits for its greeting. Bounded: N sessions, one pass.
Usage: python3 bench/idle_sessions.py N PORT READY_FILE HOLD_SECONDS"""
import asyncio
import statistics
import sys
import time

SESSIONS, PORT, READY_FILE, HOLD = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])


async def reply(reader, code):
    """Reads one (possibly multi-line) reply; fails unless it has the expected code, so that a server that
    refuses or drops sessions (421, closed connection) is reported, not counted as holding them."""
    while True:
        line = await reader.readline()
        if not line.startswith(code):
            raise ConnectionError(f"expected {code.decode()}, got {line!r}")
        if line[3:4] != b"-":
            return


async def idle_session(sessions):
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    await reply(reader, b"220")
    writer.write(b"EHLO idle.test\r\n")
    await writer.drain()
    await reply(reader, b"250")
    sessions.append(writer)


async def greeting_latency():
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    await reply(reader, b"220")
    elapsed = time.perf_counter() - started
    writer.close()
    return elapsed


async def main():
    sessions, opening = [], asyncio.Semaphore(200)

    async def opened():
        async with opening:
            await idle_session(sessions)

    await asyncio.gather(*(opened() for _ in range(SESSIONS)))
    latencies = [await greeting_latency() for _ in range(21)]
    print(f"idle sessions open: {len(sessions)}")
    print(f"new session's greeting meanwhile: median {statistics.median(latencies) * 1000:.2f} ms over 21")
    with open(READY_FILE, "w") as ready:
        ready.write("ready\n")
    await asyncio.sleep(HOLD)


asyncio.run(main())

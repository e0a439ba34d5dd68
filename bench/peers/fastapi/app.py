"""The article's Python peer: FastAPI with /ping, /fib/{n} and the I/O endpoint /data/{id}.

Run by uvicorn (one process); the harness chooses the event loop and HTTP parser (see README).
"""
import os

import aiohttp
import redis.asyncio as redis
from fastapi import FastAPI

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:8001")
REDIS_ADDR = os.environ.get("REDIS_ADDR", "127.0.0.1:6379")

app = FastAPI()
clients = {}


@app.on_event("startup")
async def open_clients():
    # One pooled client each, created once (the article opens a session per request).
    host, port = REDIS_ADDR.rsplit(":", 1)
    # aiohttp, as in the article (httpx 0.23 costs about three times more CPU per call).
    clients["http"] = aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=5), connector=aiohttp.TCPConnector(limit=1024)
    )
    # A blocking pool waits for a free connection; the plain pool raises "Too many connections".
    pool = redis.BlockingConnectionPool(
        host=host, port=int(port), decode_responses=True, max_connections=256, timeout=5
    )
    clients["redis"] = redis.Redis(connection_pool=pool)


@app.on_event("shutdown")
async def close_clients():
    await clients["http"].close()
    await clients["redis"].close()


@app.get("/ping")
async def ping():
    return {"message": "pong"}


def fibonacci(n):
    if n <= 1:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


# A plain def, as in the article: FastAPI runs it on its thread pool, where the GIL serialises it.
@app.get("/fib/{n}")
def calc_fib(n: int):
    return {"result": fibonacci(n)}


@app.get("/data/{id}")
async def get_data(id: int):
    async with clients["http"].get(f"{UPSTREAM_URL}/items/{id}") as resp:
        api_data = await resp.json()
    cache_data = await clients["redis"].get(f"cache:{id}")
    hits = await clients["redis"].incr(f"hits:{id}")
    return {"api": api_data, "cache": cache_data, "hits": hits}

"""The seeds' webhook fast path, as the bench's peer: FastAPI on uvicorn verifies Meta's
X-Hub-Signature-256 over the raw body, marks each message id seen with Redis SET NX (a resend
is acknowledged and dropped) and LPUSHes the new ones for a worker, then answers 200.

Run by bench/peer.mjs: PEER_SECRET (the app secret), PEER_REDIS_URL and PEER_PREFIX (the key
namespace of one bench run, removed afterwards) come from the environment.
"""

import hashlib
import hmac
import json
import os

import redis.asyncio as redis
from fastapi import FastAPI, Request, Response

SECRET = os.environ["PEER_SECRET"].encode()
PREFIX = os.environ["PEER_PREFIX"]
SEEN_TTL_SECONDS = 86_400  # Meta retries for up to a day

store = redis.from_url(os.environ.get("PEER_REDIS_URL", "redis://127.0.0.1:6379/0"))
app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/stats")
async def stats():
    return {"queued": await store.llen(f"{PREFIX}:inbound")}


@app.on_event("shutdown")
async def forget_run():
    async for key in store.scan_iter(match=f"{PREFIX}:*", count=1000):
        await store.delete(key)


@app.post("/webhooks/whatsapp")
async def whatsapp(request: Request):
    raw = await request.body()
    expected = "sha256=" + hmac.new(SECRET, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(request.headers.get("x-hub-signature-256", ""), expected):
        return Response(status_code=401)
    payload = json.loads(raw)
    for entry in payload.get("entry", []):
        for change in entry.get("changes", []):
            for message in change.get("value", {}).get("messages", []):
                if await store.set(f"{PREFIX}:seen:{message['id']}", 1, nx=True, ex=SEEN_TTL_SECONDS):
                    await store.lpush(f"{PREFIX}:inbound", json.dumps(message))
    return {"received": True}

"""The web platform: FastAPI app, one router per domain, server-rendered Jinja pages, JSON API."""

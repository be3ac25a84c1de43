"""The original article's products service, replicated for the benchmark: each request calls payments
with requests.get(url) (no session, so a new connection every time) and returns the body, as the
article does. PAYMENTS_URL says where payments is. Run under gunicorn:
PAYMENTS_URL=http://127.0.0.1:5100/metaapi/1.0/payments gunicorn -w 2 -b 127.0.0.1:8180 products_app:app"""
import os

import requests
from flask import Flask

app = Flask(__name__)
PAYMENTS_URL = os.environ.get("PAYMENTS_URL", "http://127.0.0.1:5000/metaapi/1.0/payments")


@app.route("/api/1.0/payments")
def payments():
    response = requests.get(PAYMENTS_URL)
    return response.content, response.status_code, {"Content-Type": "application/json"}


@app.route("/observe/health/ready")
def ready():
    # Not in the article: the load balancer's health check path (local-alb/haproxy.cfg), so that the
    # replica can stand behind the same stand-in. An empty 204, as Helidon answers.
    return "", 204

"""The original article's payments service, replicated for the benchmark: a Flask app that returns a
JSON list of payments. Run under gunicorn: gunicorn -w 2 -b 127.0.0.1:5101 payments_app:app"""
from flask import Flask, jsonify

app = Flask(__name__)

PAYMENTS = [
    {"id": f"pay_sample_{n}", "amount": f"{100 + n}.25", "currency": "USD", "status": "PENDING",
     "description": f"Sample order #{1000 + n}", "createdAt": "2026-01-06T22:30:00Z"}
    for n in range(1, 6)
]


@app.route("/metaapi/1.0/payments")
def payments():
    return jsonify(PAYMENTS)


@app.route("/observe/health/ready")
def ready():
    # Not in the article: the load balancer's health check path (local-alb/haproxy.cfg), so that the
    # replica can stand behind the same stand-in. An empty 204, as Helidon answers.
    return "", 204

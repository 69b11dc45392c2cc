from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'monitoring/serve_mlflow.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_buckets = resolve('buckets')
    l_0_quiet_paths = resolve('quiet_paths')
    l_0_quiet = resolve('quiet')
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n"""Serve an MLflow model with MLflow\'s own scoring app, and export the metrics the rules read.\n\n`mlflow models serve` answers 404 on /metrics, so nothing it serves can be watched. This runs\nthe same app (`mlflow.pyfunc.scoring_server.init`, what `mlflow models serve` runs under\nuvicorn) inside an ASGI middleware that times every answer and counts it by status code, and\nanswers /metrics itself in the Prometheus text format:\n\n    http_requests_total{code}          counter: answers by HTTP status (`500`, `200`, ...)\n    http_request_duration_seconds      histogram: seconds to answer, buckets '
    yield str((undefined(name='buckets') if l_0_buckets is missing else l_0_buckets))
    yield '\n\nThe health and metrics paths ('
    yield str((undefined(name='quiet_paths') if l_0_quiet_paths is missing else l_0_quiet_paths))
    yield ') are answered but not counted: probes\nwould otherwise dilute the error ratio.\n\n    python monitoring/serve_mlflow.py --model-uri models:/NAME@ALIAS [--host H] [--port P]\n"""\n\nfrom __future__ import annotations\n\nimport argparse\nimport time\nfrom typing import Any\n\nfrom prometheus_client import (\n    CONTENT_TYPE_LATEST,\n    CollectorRegistry,\n    Counter,\n    Histogram,\n    generate_latest,\n)\n\nBUCKETS = ('
    yield str((undefined(name='buckets') if l_0_buckets is missing else l_0_buckets))
    yield ')\nQUIET = frozenset(('
    yield str((undefined(name='quiet') if l_0_quiet is missing else l_0_quiet))
    yield '))\nINITIAL_CODES = ("200", "500")\n"""Exported at 0 before any answer: a series that first appears at 5 has no rate, so the first\nburst of errors after a start would burn no budget."""\n\n\nclass Metrics:\n    """ASGI middleware: count and time every HTTP answer of ``app``; answer /metrics."""\n\n    def __init__(self, app: Any) -> None:\n        self.app = app\n        self.registry = CollectorRegistry()\n        self.requests = Counter(\n            "http_requests", "Answers by HTTP status code.", ["code"], registry=self.registry\n        )\n        for code in INITIAL_CODES:\n            self.requests.labels(code=code)\n        self.latency = Histogram(\n            "http_request_duration_seconds",\n            "Seconds to answer a request.",\n            buckets=BUCKETS,\n            registry=self.registry,\n        )\n\n    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:\n        if scope["type"] != "http":\n            await self.app(scope, receive, send)\n            return\n        if scope["path"] == "/metrics":\n            body = generate_latest(self.registry)\n            headers = [(b"content-type", CONTENT_TYPE_LATEST.encode())]\n            await send({"type": "http.response.start", "status": 200, "headers": headers})\n            await send({"type": "http.response.body", "body": body})\n            return\n        if scope["path"] in QUIET:\n            await self.app(scope, receive, send)\n            return\n        start = time.perf_counter()\n        status = 500  # an app that fails before answering counts as a server error\n\n        async def watched(message: dict[str, Any]) -> None:\n            nonlocal status\n            if message["type"] == "http.response.start":\n                status = int(message["status"])\n            await send(message)\n\n        try:\n            await self.app(scope, receive, watched)\n        finally:\n            self.requests.labels(code=str(status)).inc()\n            self.latency.observe(time.perf_counter() - start)\n\n\ndef main(argv: list[str] | None = None) -> None:\n    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n    parser.add_argument("--model-uri", required=True)\n    parser.add_argument("--host", default="127.0.0.1")\n    parser.add_argument("--port", type=int, default=8080)\n    args = parser.parse_args(argv)\n\n    import uvicorn\n    from mlflow.pyfunc import scoring_server\n\n    model = scoring_server.load_model_with_mlflow_config(args.model_uri)\n    uvicorn.run(Metrics(scoring_server.init(model)), host=args.host, port=args.port)\n\n\nif __name__ == "__main__":\n    main()\n'

blocks = {}
debug_info = '1=15&10=17&12=19&32=21&33=23'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'github/release.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_release = resolve('release')
    try:
        t_1 = environment.filters['json']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'json' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n"""Write one release into an environment\'s overlay (cd.yml); Argo CD syncs the commit.\n\ndeploy/k8s/overlays/ENVIRONMENT/release/kustomization.yaml is a kustomize Component the\noverlay includes. This script rewrites it whole: the image cd.yml pushed, by digest (kustomize\n`images:` with `digest:`), and the model version the gate promoted, as MODEL_URI\n(`models:/NAME/VERSION`), MODEL_NAME and MODEL_VERSION in the serving container. Nothing is\nresolved when a pod starts: what runs is what the commit names, in every environment.\n\nEnvironment: ENVIRONMENT, IMAGE (`repository@sha256:<64 hex>`), MODEL_NAME, MODEL_VERSION and\nMODEL_URI (empty: no model is pinned). Standard library only: the runner\'s python3 runs it.\nExit status 0 when the file was written, 2 when an input is unusable.\n"""\n\nfrom __future__ import annotations\n\nimport json\nimport os\nimport re\nimport sys\nfrom pathlib import Path\nfrom typing import Any\n\nHEADER = (\n'
    l_1_loop = missing
    for l_1_line, l_1_loop in LoopContext(context.call(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'splitlines')), undefined):
        _loop_vars = {}
        pass
        yield '    '
        yield str(t_1((l_1_line if environment.getattr(l_1_loop, 'last') else str_join((l_1_line, '\n', )))))
        yield '\n'
    l_1_loop = l_1_line = missing
    yield ')\nIMAGE_NAME = '
    yield str(t_1(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image_name')))
    yield '\n"""The serving image as the base manifests name it (kustomize `images[].name`)."""\nCONTAINER = '
    yield str(t_1(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'container')))
    yield '\nTARGET = {\n'
    for (l_1_key, l_1_value) in environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'target'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(t_1(l_1_key))
        yield ': '
        yield str(t_1(l_1_value))
        yield ',\n'
    l_1_key = l_1_value = missing
    yield '}\nENVIRONMENTS = (\n'
    for l_1_environment in environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'environments'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(t_1(l_1_environment))
        yield ',\n'
    l_1_environment = missing
    yield ')\nIMAGE = re.compile(r"^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$")\nVERSION = re.compile(r"^[0-9]*$")\nNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]*$")\n\n\ndef component(env: dict[str, str]) -> dict[str, Any]:\n    """The release Component for ``env``\'s inputs; ValueError when one is unusable."""\n    image = env.get("IMAGE", "")\n    if not IMAGE.match(image):\n        raise ValueError(\n            f"IMAGE {image!r} is not an image by digest (repository@sha256:...)"\n        )\n    repository, _, digest = image.partition("@")\n    version, name = env.get("MODEL_VERSION", ""), env.get("MODEL_NAME", "")\n    uri = env.get("MODEL_URI", "")\n    if not VERSION.match(version) or (version and not NAME.match(name)):\n        raise ValueError(\n            f"model {name!r} version {version!r} is not a registered version"\n        )\n    if version and uri != f"models:/{name}/{version}":\n        raise ValueError(f"MODEL_URI {uri!r} is not models:/{name}/{version}")\n    document: dict[str, Any] = {\n        "apiVersion": "kustomize.config.k8s.io/v1alpha1",\n        "kind": "Component",\n        "images": [{"name": IMAGE_NAME, "newName": repository, "digest": digest}],\n    }\n    if version:\n        variables = {"MODEL_NAME": name, "MODEL_VERSION": version, "MODEL_URI": uri}\n        operations = [\n            {\n                "op": "add",\n                "path": CONTAINER + "/env/-",\n                "value": {"name": key, "value": value},\n            }\n            for key, value in variables.items()\n        ]\n        patch = json.dumps(operations, indent=2)\n        document["patches"] = [{"target": TARGET, "patch": patch}]\n    return document\n\n\ndef _scalar(value: str) -> str:\n    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar\n\n\ndef text(environment: str, document: dict[str, Any]) -> str:\n    """The file: the generated header, what it is, then the Component as YAML."""\n    rewrites = f"# Then cd.yml rewrites it on every release to {environment}"\n    lines = [\n        HEADER,\n        rewrites + " (.github/scripts/release.py):",\n        "# the image it pushed, by digest, and the model version the gate promoted.",\n        f"apiVersion: {document[\'apiVersion\']}",\n        f"kind: {document[\'kind\']}",\n        "images:",\n    ]\n    for image in document["images"]:\n        lines.append(f"  - name: {_scalar(image[\'name\'])}")\n        lines += [f"    {key}: {_scalar(image[key])}" for key in ("newName", "digest")]\n    if "patches" in document:\n        lines.append("patches:")\n        for patch in document["patches"]:\n            lines.append("  - target:")\n            lines += [\n                f"      {key}: {_scalar(value)}"\n                for key, value in patch["target"].items()\n            ]\n            lines.append("    patch: |-")\n            lines += ["      " + line for line in patch["patch"].splitlines()]\n    return "\\n".join(lines) + "\\n"\n\n\ndef main(env: dict[str, str]) -> int:\n    environment = env.get("ENVIRONMENT", "")\n    if environment not in ENVIRONMENTS:\n        known = ", ".join(ENVIRONMENTS)\n        print(\n            f"release: {environment!r} is not a released environment ({known})",\n            file=sys.stderr,\n        )\n        return 2\n    try:\n        document = component(env)\n    except ValueError as exc:\n        print(f"release: {exc}", file=sys.stderr)\n        return 2\n    path = Path(f"deploy/k8s/overlays/{environment}/release/kustomization.yaml")\n    path.parent.mkdir(parents=True, exist_ok=True)\n    path.write_text(text(environment, document), encoding="utf-8")\n    model = (\n        f"model version {env.get(\'MODEL_VERSION\')}"\n        if env.get("MODEL_VERSION")\n        else "no model"\n    )\n    print(f"release: {path} names {env[\'IMAGE\']} and {model}")\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main(dict(os.environ)))\n'

blocks = {}
debug_info = '1=19&25=22&26=26&29=30&31=32&33=34&34=38&38=44&39=48'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/kustomization.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_resources = resolve('resources')
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n'
    for l_1_resource in (undefined(name='resources') if l_0_resources is missing else l_0_resources):
        _loop_vars = {}
        pass
        yield '  - '
        yield str(t_1(l_1_resource))
        yield '\n'
    l_1_resource = missing

blocks = {}
debug_info = '1=19&5=21&6=25'
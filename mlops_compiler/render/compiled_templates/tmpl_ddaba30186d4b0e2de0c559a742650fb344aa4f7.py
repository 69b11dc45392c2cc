from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/release.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_release = resolve('release')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    try:
        t_2 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    for l_1_line in environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'comment'):
        _loop_vars = {}
        pass
        yield str(t_1(l_1_line))
        yield '\n'
    l_1_line = missing
    yield 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: '
    yield str(t_2(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'name')))
    yield '\n'
    if (not t_3(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'new_name'))):
        pass
        yield '    newName: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'new_name')))
        yield '\n'
    if (not t_3(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'new_tag'))):
        pass
        yield '    newTag: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'new_tag')))
        yield '\n'
    if (not t_3(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'digest'))):
        pass
        yield '    digest: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='release') if l_0_release is missing else l_0_release), 'image'), 'digest')))
        yield '\n'

blocks = {}
debug_info = '1=31&2=33&3=36&8=40&9=42&10=45&12=47&13=50&15=52&16=55'
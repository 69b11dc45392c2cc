from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/overlay.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_overlay = resolve('overlay')
    l_0_name = resolve('name')
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_2 = environment.filters['yaml_literal']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_literal' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: '
    yield str(t_1(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'namespace')))
    yield '\nresources:\n  - ../../base\n'
    if (not t_3(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'))):
        pass
        yield 'images:\n  - name: '
        yield str(t_1(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'name')))
        yield '\n'
        if (not t_3(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'new_name'))):
            pass
            yield '    newName: '
            yield str(t_1(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'new_name')))
            yield '\n'
        if (not t_3(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'new_tag'))):
            pass
            yield '    newTag: '
            yield str(t_1(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'new_tag')))
            yield '\n'
        if (not t_3(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'digest'))):
            pass
            yield '    digest: '
            yield str(t_1(environment.getattr(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'image'), 'digest')))
            yield '\n'
    if (not t_3(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'release'))):
        pass
        yield 'components:\n  - release\n'
    if (not t_3(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'replicas'))):
        pass
        yield 'replicas:\n  - name: '
        yield str(t_1((undefined(name='name') if l_0_name is missing else l_0_name)))
        yield '\n    count: '
        yield str(t_1(environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'replicas')))
        yield '\n'
    if environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'patches'):
        pass
        yield 'patches:\n'
        for (l_1_target, l_1_patch) in environment.getattr((undefined(name='overlay') if l_0_overlay is missing else l_0_overlay), 'patches'):
            _loop_vars = {}
            pass
            yield '  - target:\n'
            for (l_2_key, l_2_value) in l_1_target:
                _loop_vars = {}
                pass
                yield '      '
                yield str(t_1(l_2_key))
                yield ': '
                yield str(t_1(l_2_value))
                yield '\n'
            l_2_key = l_2_value = missing
            yield '    patch:'
            yield str(t_2(l_1_patch, 6))
            yield '\n'
        l_1_target = l_1_patch = missing

blocks = {}
debug_info = '1=32&4=34&7=36&9=39&10=41&11=44&13=46&14=49&16=51&17=54&20=56&24=59&26=62&27=64&29=66&31=69&33=73&34=77&36=83'
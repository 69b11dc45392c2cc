from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'monitoring/alertmanager.yml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_alertmanager = resolve('alertmanager')
    try:
        t_1 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_2 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_3 = environment.filters['yaml_block']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_block' found.")
    try:
        t_4 = environment.filters['yaml_inline']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_inline' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n# Secrets are read from files (`*_file`): mount them, never write them here.\nroute:\n  receiver: '
    yield str(t_2(environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'default')))
    yield '\n  group_by: '
    yield str(t_4(t_1(context.eval_ctx, environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'group_by'))))
    yield '\n  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: '
    yield str(t_2(environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'repeat_interval')))
    yield '\n'
    if environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'routes'):
        pass
        yield '  routes:\n'
        for (l_1_matcher, l_1_receiver) in environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'routes'):
            _loop_vars = {}
            pass
            yield '    - receiver: '
            yield str(t_2(l_1_receiver))
            yield '\n      matchers:\n        - '
            yield str(t_2(l_1_matcher))
            yield '\n'
        l_1_matcher = l_1_receiver = missing
    if environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'inhibit'):
        pass
        yield '# While every target of an environment is down or unscraped, its burn alerts say nothing new.\ninhibit_rules:\n'
        for l_1_rule in environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'inhibit'):
            _loop_vars = {}
            pass
            yield '  - source_matchers: '
            yield str(t_4(t_1(context.eval_ctx, environment.getattr(l_1_rule, 'source'))))
            yield '\n    target_matchers: '
            yield str(t_4(t_1(context.eval_ctx, environment.getattr(l_1_rule, 'target'))))
            yield '\n    equal: '
            yield str(t_4(t_1(context.eval_ctx, environment.getattr(l_1_rule, 'equal'))))
            yield '\n'
        l_1_rule = missing
    yield 'receivers:\n'
    l_1_loop = missing
    for l_1_receiver, l_1_loop in LoopContext(environment.getattr((undefined(name='alertmanager') if l_0_alertmanager is missing else l_0_alertmanager), 'receivers'), undefined):
        _loop_vars = {}
        pass
        yield '  - name: '
        yield str(t_2(environment.getattr(l_1_receiver, 'name')))
        yield '\n    '
        yield str(environment.getattr(l_1_receiver, 'kind'))
        yield '_configs:\n'
        l_2_loop = missing
        for (l_2_key, l_2_value), l_2_loop in LoopContext(environment.getattr(l_1_receiver, 'options'), undefined):
            _loop_vars = {}
            pass
            yield str(('      - ' if environment.getattr(l_2_loop, 'first') else '        '))
            yield str(t_2(l_2_key))
            yield ':'
            yield str(t_3(l_2_value, 10))
            yield '\n'
        l_2_loop = l_2_key = l_2_value = missing
    l_1_loop = l_1_receiver = missing

blocks = {}
debug_info = '1=37&4=39&5=41&8=43&9=45&11=48&12=52&14=54&17=57&20=60&21=64&22=66&23=68&27=73&28=77&29=79&30=82&31=85'
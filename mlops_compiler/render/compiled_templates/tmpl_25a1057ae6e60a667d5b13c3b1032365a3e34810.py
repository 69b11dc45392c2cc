from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'monitoring/rules.yml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_monitoring = resolve('monitoring')
    l_0_r = missing
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
    l_0_r = context.vars['r'] = environment.get_template('monitoring/_rules.jinja', 'monitoring/rules.yml.jinja')._get_default_module(context)
    context.exported_vars.discard('r')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n# Checked by `promtool check rules`; rules.test.yml proves every alert fires and stays silent.\ngroups:'
    if (not environment.getattr((undefined(name='monitoring') if l_0_monitoring is missing else l_0_monitoring), 'groups')):
        pass
        yield ' []'
    yield '\n'
    for l_1_group in environment.getattr((undefined(name='monitoring') if l_0_monitoring is missing else l_0_monitoring), 'groups'):
        _loop_vars = {}
        pass
        yield '  - name: '
        yield str(t_1(environment.getattr(l_1_group, 'name')))
        yield '\n    rules:\n'
        for l_2_rule in environment.getattr(l_1_group, 'rules'):
            _loop_vars = {}
            pass
            if (not t_3(environment.getattr(l_2_rule, 'record'))):
                pass
                yield '      - record: '
                yield str(t_1(environment.getattr(l_2_rule, 'record')))
                yield '\n'
            else:
                pass
                yield '      - alert: '
                yield str(t_1(environment.getattr(l_2_rule, 'alert')))
                yield '\n'
            yield '        expr:'
            yield str(t_2(environment.getattr(l_2_rule, 'expr'), 10))
            yield '\n'
            if (not t_3(environment.getattr(l_2_rule, 'duration'))):
                pass
                yield '        for: '
                yield str(t_1(environment.getattr(l_2_rule, 'duration')))
                yield '\n'
            if environment.getattr(l_2_rule, 'labels'):
                pass
                yield '        labels:\n'
                yield str(context.call(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'pairs'), environment.getattr(l_2_rule, 'labels'), 10, _loop_vars=_loop_vars))
            if environment.getattr(l_2_rule, 'annotations'):
                pass
                yield '        annotations:\n'
                yield str(context.call(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'pairs'), environment.getattr(l_2_rule, 'annotations'), 10, _loop_vars=_loop_vars))
        l_2_rule = missing
    l_1_group = missing

blocks = {}
debug_info = '1=32&2=34&4=36&6=40&7=44&9=46&10=49&11=52&13=57&15=60&16=62&17=65&19=67&21=70&23=71&25=74'
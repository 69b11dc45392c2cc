from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'monitoring/rules.test.yml.jinja'

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
    pass
    l_0_r = context.vars['r'] = environment.get_template('monitoring/_rules.jinja', 'monitoring/rules.test.yml.jinja')._get_default_module(context)
    context.exported_vars.discard('r')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n# `promtool test rules rules.test.yml`: each alert fires on a synthetic series and stays silent\n# on a healthy one.\nrule_files:\n  - rules.yml\nevaluation_interval: 5m\ntests:'
    if (not environment.getattr((undefined(name='monitoring') if l_0_monitoring is missing else l_0_monitoring), 'tests')):
        pass
        yield ' []'
    yield '\n'
    for l_1_test in environment.getattr((undefined(name='monitoring') if l_0_monitoring is missing else l_0_monitoring), 'tests'):
        _loop_vars = {}
        pass
        yield '  - name: '
        yield str(t_1(environment.getattr(l_1_test, 'name')))
        yield '\n    interval: 1m\n    input_series:'
        yield str((' []' if (not environment.getattr(l_1_test, 'series')) else ''))
        yield '\n'
        for l_2_series in environment.getattr(l_1_test, 'series'):
            _loop_vars = {}
            pass
            yield '      - series: '
            yield str(t_1(environment.getattr(l_2_series, 'series')))
            yield '\n        values: '
            yield str(t_1(environment.getattr(l_2_series, 'values')))
            yield '\n'
        l_2_series = missing
        yield '    alert_rule_test:\n      - eval_time: '
        yield str(t_1(environment.getattr(l_1_test, 'eval_time')))
        yield '\n        alertname: '
        yield str(t_1(environment.getattr(l_1_test, 'alertname')))
        yield '\n'
        if environment.getattr(l_1_test, 'expected'):
            pass
            yield '        exp_alerts:\n'
            for (l_2_labels, l_2_annotations) in environment.getattr(l_1_test, 'expected'):
                _loop_vars = {}
                pass
                yield '          - exp_labels:\n'
                yield str(context.call(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'pairs'), l_2_labels, 14, _loop_vars=_loop_vars))
                if l_2_annotations:
                    pass
                    yield '            exp_annotations:\n'
                    yield str(context.call(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'pairs'), l_2_annotations, 14, _loop_vars=_loop_vars))
            l_2_labels = l_2_annotations = missing
        else:
            pass
            yield '        exp_alerts: []\n'
    l_1_test = missing

blocks = {}
debug_info = '1=20&2=22&8=24&10=28&11=32&13=34&14=36&15=40&16=42&19=46&20=48&21=50&23=53&25=57&26=58&28=61'
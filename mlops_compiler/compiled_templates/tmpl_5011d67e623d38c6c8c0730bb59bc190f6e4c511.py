from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dvc/dvc.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_pipeline = resolve('pipeline')
    l_0_m = l_0_stage_body = missing
    try:
        t_1 = environment.filters['indent']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'indent' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
    try:
        t_4 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_5 = environment.filters['yaml_block']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_block' found.")
    try:
        t_6 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    try:
        t_7 = environment.tests['string']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'string' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'dvc/dvc.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    def macro(l_1_body):
        t_8 = []
        if l_1_body is missing:
            l_1_body = undefined("parameter 'body' was not provided", name='body')
        pass
        if (not t_6(environment.getattr(l_1_body, 'desc'))):
            pass
            t_8.extend((
                'desc: ',
                str(t_4(environment.getattr(l_1_body, 'desc'))),
                '\n',
            ))
        if t_7(environment.getattr(l_1_body, 'cmd')):
            pass
            t_8.extend((
                'cmd: ',
                str(t_4(environment.getattr(l_1_body, 'cmd'))),
                '\n',
            ))
        else:
            pass
            t_8.append(
                str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'string_list'), 'cmd', environment.getattr(l_1_body, 'cmd'))),
            )
        if (not t_6(environment.getattr(l_1_body, 'wdir'))):
            pass
            t_8.extend((
                'wdir: ',
                str(t_4(environment.getattr(l_1_body, 'wdir'))),
                '\n',
            ))
        t_8.append(
            str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'string_list'), 'deps', environment.getattr(l_1_body, 'deps'))),
        )
        if environment.getattr(l_1_body, 'params'):
            pass
            t_8.append(
                'params:\n',
            )
            for l_2_ref in environment.getattr(l_1_body, 'params'):
                _loop_vars = {}
                pass
                if t_6(environment.getattr(l_2_ref, 'file')):
                    pass
                    for l_3_key in environment.getattr(l_2_ref, 'keys'):
                        _loop_vars = {}
                        pass
                        t_8.extend((
                            '  - ',
                            str(t_4(l_3_key)),
                            '\n',
                        ))
                    l_3_key = missing
                elif t_6(environment.getattr(l_2_ref, 'keys')):
                    pass
                    t_8.extend((
                        '  - ',
                        str(t_4(environment.getattr(l_2_ref, 'file'))),
                        ': null\n',
                    ))
                elif environment.getattr(l_2_ref, 'keys'):
                    pass
                    t_8.extend((
                        '  - ',
                        str(t_4(environment.getattr(l_2_ref, 'file'))),
                        ':\n',
                    ))
                    for l_3_key in environment.getattr(l_2_ref, 'keys'):
                        _loop_vars = {}
                        pass
                        t_8.extend((
                            '      - ',
                            str(t_4(l_3_key)),
                            '\n',
                        ))
                    l_3_key = missing
                else:
                    pass
                    t_8.extend((
                        '  - ',
                        str(t_4(environment.getattr(l_2_ref, 'file'))),
                        ': []\n',
                    ))
            l_2_ref = missing
        t_8.extend((
            str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'path_entries'), 'outs', environment.getattr(l_1_body, 'outs'))),
            str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'path_entries'), 'metrics', environment.getattr(l_1_body, 'metrics'))),
            str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'path_entries'), 'plots', environment.getattr(l_1_body, 'plots'))),
        ))
        if (not t_6(environment.getattr(l_1_body, 'frozen'))):
            pass
            t_8.extend((
                'frozen: ',
                str(t_4(environment.getattr(l_1_body, 'frozen'))),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_body, 'always_changed'))):
            pass
            t_8.extend((
                'always_changed: ',
                str(t_4(environment.getattr(l_1_body, 'always_changed'))),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_body, 'meta'))):
            pass
            t_8.extend((
                'meta:',
                str(t_5(environment.getattr(l_1_body, 'meta'), 2)),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_body, 'vars'))):
            pass
            t_8.extend((
                'vars:',
                str(t_5(t_2(context.eval_ctx, environment.getattr(l_1_body, 'vars')), 2)),
                '\n',
            ))
        return concat(t_8)
    context.exported_vars.add('stage_body')
    context.vars['stage_body'] = l_0_stage_body = Macro(environment, macro, 'stage_body', ('body',), False, False, False, context.eval_ctx.autoescape)
    if environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'vars'):
        pass
        yield 'vars:'
        yield str(t_5(t_2(context.eval_ctx, environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'vars')), 2))
        yield '\n\n'
    yield 'stages:'
    if (not environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'stages')):
        pass
        yield ' {}'
    yield '\n'
    l_1_loop = missing
    for l_1_stage, l_1_loop in LoopContext(environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'stages'), undefined):
        _loop_vars = {}
        pass
        if (not environment.getattr(l_1_loop, 'first')):
            pass
            yield '\n'
        yield '  '
        yield str(t_4(environment.getattr(l_1_stage, 'name')))
        yield ':\n'
        if (environment.getattr(l_1_stage, 'form') == 'foreach'):
            pass
            yield '    foreach:'
            yield str(t_5(environment.getattr(l_1_stage, 'foreach'), 6))
            yield '\n    do:\n'
            yield str(t_1(t_3(context.call((undefined(name='stage_body') if l_0_stage_body is missing else l_0_stage_body), environment.getattr(l_1_stage, 'body'), _loop_vars=_loop_vars)), 6, first=True))
            yield '\n'
        elif (environment.getattr(l_1_stage, 'form') == 'matrix'):
            pass
            yield '    matrix:'
            yield str(t_5(environment.getattr(l_1_stage, 'matrix'), 6))
            yield '\n'
            yield str(t_1(t_3(context.call((undefined(name='stage_body') if l_0_stage_body is missing else l_0_stage_body), environment.getattr(l_1_stage, 'body'), _loop_vars=_loop_vars)), 4, first=True))
            yield '\n'
        else:
            pass
            yield str(t_1(t_3(context.call((undefined(name='stage_body') if l_0_stage_body is missing else l_0_stage_body), environment.getattr(l_1_stage, 'body'), _loop_vars=_loop_vars)), 4, first=True))
            yield '\n'
    l_1_loop = l_1_stage = missing
    for (l_1_key, l_1_value) in environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'top'):
        _loop_vars = {}
        pass
        yield '\n'
        yield str(t_4(l_1_key))
        yield ':'
        yield str(t_5(l_1_value, 2))
        yield '\n'
    l_1_key = l_1_value = missing

blocks = {}
debug_info = '1=56&2=58&3=60&4=65&5=69&7=72&8=76&10=82&12=84&13=88&15=92&16=94&18=99&19=102&20=104&21=109&23=113&24=117&25=120&26=124&27=127&28=132&31=140&35=145&36=146&37=147&38=149&39=153&41=156&42=160&44=163&45=167&47=170&48=174&51=180&52=183&55=186&57=191&58=194&61=198&62=200&63=203&65=205&66=207&67=210&68=212&70=216&73=219&75=223'
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
    try:
        t_5 = environment.tests['iterable']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'iterable' found.")
    try:
        t_6 = environment.tests['mapping']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No test named 'mapping' found.")
    try:
        t_7 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    try:
        t_8 = environment.tests['string']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No test named 'string' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    if environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'vars'):
        pass
        yield 'vars:'
        yield str(t_3(t_1(context.eval_ctx, environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'vars')), 2))
        yield '\n\n'
    yield 'stages:'
    if (not environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'stages')):
        pass
        yield ' {}'
    yield '\n'
    l_1_loop = missing
    for l_1_stage, l_1_loop in LoopContext(environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'stages'), undefined):
        l_1_at = resolve('at')
        l_1_body = l_1_pad = missing
        _loop_vars = {}
        pass
        l_1_body = environment.getattr(l_1_stage, 'body')
        _loop_vars['body'] = l_1_body
        if (not environment.getattr(l_1_loop, 'first')):
            pass
            yield '\n'
        yield '  '
        yield str(t_2(environment.getattr(l_1_stage, 'name')))
        yield ':\n'
        if (environment.getattr(l_1_stage, 'form') == 'foreach'):
            pass
            yield '    foreach:'
            yield str(t_3(environment.getattr(l_1_stage, 'foreach'), 6))
            yield '\n    do:\n'
            l_1_at = 6
            _loop_vars['at'] = l_1_at
        elif (environment.getattr(l_1_stage, 'form') == 'matrix'):
            pass
            yield '    matrix:'
            yield str(t_3(environment.getattr(l_1_stage, 'matrix'), 6))
            yield '\n'
            l_1_at = 4
            _loop_vars['at'] = l_1_at
        else:
            pass
            l_1_at = 4
            _loop_vars['at'] = l_1_at
        l_1_pad = (' ' * (undefined(name='at') if l_1_at is missing else l_1_at))
        _loop_vars['pad'] = l_1_pad
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'desc'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'desc: '
            yield str(t_2(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'desc')))
            yield '\n'
        if t_8(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'cmd')):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'cmd: '
            yield str(t_2(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'cmd')))
            yield '\n'
        elif environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'cmd'):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'cmd:\n'
            for l_2_item in environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'cmd'):
                _loop_vars = {}
                pass
                yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                yield '  - '
                yield str(t_2(l_2_item))
                yield '\n'
            l_2_item = missing
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'wdir'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'wdir: '
            yield str(t_2(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'wdir')))
            yield '\n'
        if environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'deps'):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'deps:\n'
            for l_2_item in environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'deps'):
                _loop_vars = {}
                pass
                yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                yield '  - '
                yield str(t_2(l_2_item))
                yield '\n'
            l_2_item = missing
        if environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'params'):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'params:\n'
            for l_2_ref in environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'params'):
                _loop_vars = {}
                pass
                if t_7(environment.getattr(l_2_ref, 'file')):
                    pass
                    for l_3_key in environment.getattr(l_2_ref, 'keys'):
                        _loop_vars = {}
                        pass
                        yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                        yield '  - '
                        yield str(t_2(l_3_key))
                        yield '\n'
                    l_3_key = missing
                elif t_7(environment.getattr(l_2_ref, 'keys')):
                    pass
                    yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                    yield '  - '
                    yield str(t_2(environment.getattr(l_2_ref, 'file')))
                    yield ': null\n'
                elif environment.getattr(l_2_ref, 'keys'):
                    pass
                    yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                    yield '  - '
                    yield str(t_2(environment.getattr(l_2_ref, 'file')))
                    yield ':\n'
                    for l_3_key in environment.getattr(l_2_ref, 'keys'):
                        _loop_vars = {}
                        pass
                        yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                        yield '      - '
                        yield str(t_2(l_3_key))
                        yield '\n'
                    l_3_key = missing
                else:
                    pass
                    yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                    yield '  - '
                    yield str(t_2(environment.getattr(l_2_ref, 'file')))
                    yield ': []\n'
            l_2_ref = missing
        def t_9(fiter):
            for (l_2_name, l_2_entries) in fiter:
                if l_2_entries:
                    yield (l_2_name, l_2_entries)
        for (l_2_name, l_2_entries) in t_9((('outs', environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'outs')), ('metrics', environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'metrics')), ('plots', environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'plots')))):
            _loop_vars = {}
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield str(l_2_name)
            yield ':\n'
            for l_3_entry in l_2_entries:
                _loop_vars = {}
                pass
                if environment.getattr(l_3_entry, 'options'):
                    pass
                    yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                    yield '  - '
                    yield str(t_2(environment.getattr(l_3_entry, 'path')))
                    yield ':\n'
                    for (l_4_key, l_4_value) in environment.getattr(l_3_entry, 'options'):
                        _loop_vars = {}
                        pass
                        if (t_6(l_4_value) or (t_5(l_4_value) and (not t_8(l_4_value)))):
                            pass
                            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                            yield '      '
                            yield str(l_4_key)
                            yield ': '
                            yield str(t_4(l_4_value))
                            yield '\n'
                        else:
                            pass
                            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                            yield '      '
                            yield str(l_4_key)
                            yield ': '
                            yield str(t_2(l_4_value))
                            yield '\n'
                    l_4_key = l_4_value = missing
                else:
                    pass
                    yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
                    yield '  - '
                    yield str(t_2(environment.getattr(l_3_entry, 'path')))
                    yield '\n'
            l_3_entry = missing
        l_2_name = l_2_entries = missing
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'frozen'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'frozen: '
            yield str(t_2(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'frozen')))
            yield '\n'
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'always_changed'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'always_changed: '
            yield str(t_2(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'always_changed')))
            yield '\n'
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'meta'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'meta:'
            yield str(t_3(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'meta'), ((undefined(name='at') if l_1_at is missing else l_1_at) + 2)))
            yield '\n'
        if (not t_7(environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'vars'))):
            pass
            yield str((undefined(name='pad') if l_1_pad is missing else l_1_pad))
            yield 'vars:'
            yield str(t_3(t_1(context.eval_ctx, environment.getattr((undefined(name='body') if l_1_body is missing else l_1_body), 'vars')), ((undefined(name='at') if l_1_at is missing else l_1_at) + 2)))
            yield '\n'
    l_1_loop = l_1_stage = l_1_body = l_1_at = l_1_pad = missing
    for (l_1_key, l_1_value) in environment.getattr((undefined(name='pipeline') if l_0_pipeline is missing else l_0_pipeline), 'top'):
        _loop_vars = {}
        pass
        yield '\n'
        yield str(t_2(l_1_key))
        yield ':'
        yield str(t_3(l_1_value, 2))
        yield '\n'
    l_1_key = l_1_value = missing

blocks = {}
debug_info = '3=61&4=63&5=66&8=69&10=74&11=79&12=81&15=85&16=87&17=90&19=92&20=94&21=97&22=99&24=103&26=105&27=107&28=109&30=113&31=115&32=119&33=121&34=123&35=126&38=131&39=133&41=137&42=139&43=141&44=144&47=149&48=151&49=153&50=156&51=158&52=161&54=166&55=168&56=172&57=174&58=178&59=181&62=188&66=193&67=200&68=203&69=206&70=208&71=212&72=215&73=217&75=225&79=234&83=240&84=242&86=246&87=248&89=252&90=254&92=258&93=260&96=265&98=269'
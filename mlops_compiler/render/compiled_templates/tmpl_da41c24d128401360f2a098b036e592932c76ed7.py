from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'github/_workflow.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pairs = l_0_step = l_0_job = l_0_workflow = missing
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
        t_5 = environment.filters['yaml_literal']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_literal' found.")
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
    def macro(l_1_items, l_1_indent):
        t_8 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        for (l_2_key, l_2_value) in l_1_items:
            _loop_vars = {}
            pass
            t_8.extend((
                str((' ' * l_1_indent)),
                str(t_2(l_2_key)),
                ':',
            ))
            if (t_7(l_2_value) and ('\n' in l_2_value)):
                pass
                t_8.append(
                    str(t_5(l_2_value, (l_1_indent + 2))),
                )
            else:
                pass
                t_8.extend((
                    ' ',
                    str(t_2(l_2_value)),
                ))
            t_8.append(
                '\n',
            )
        l_2_key = l_2_value = missing
        return concat(t_8)
    context.exported_vars.add('pairs')
    context.vars['pairs'] = l_0_pairs = Macro(environment, macro, 'pairs', ('items', 'indent'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_step):
        t_9 = []
        if l_1_step is missing:
            l_1_step = undefined("parameter 'step' was not provided", name='step')
        pass
        t_9.extend((
            '      - name: ',
            str(t_2(environment.getattr(l_1_step, 'name'))),
            '\n',
        ))
        if (not t_6(environment.getattr(l_1_step, 'id'))):
            pass
            t_9.extend((
                '        id: ',
                str(t_2(environment.getattr(l_1_step, 'id'))),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_step, 'if_'))):
            pass
            t_9.extend((
                '        if: ',
                str(t_2(environment.getattr(l_1_step, 'if_'))),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_step, 'uses'))):
            pass
            t_9.extend((
                '        uses: ',
                str(t_2(environment.getattr(environment.getattr(l_1_step, 'uses'), 'uses'))),
                ' # ',
                str(t_1(environment.getattr(environment.getattr(l_1_step, 'uses'), 'version'))),
                '\n',
            ))
        if environment.getattr(l_1_step, 'with_'):
            pass
            t_9.extend((
                '        with:\n',
                str(context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr(l_1_step, 'with_'), 10)),
            ))
        if environment.getattr(l_1_step, 'env'):
            pass
            t_9.extend((
                '        env:\n',
                str(context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr(l_1_step, 'env'), 10)),
            ))
        if (not t_6(environment.getattr(l_1_step, 'run'))):
            pass
            t_9.extend((
                '        run:',
                str(t_5(environment.getattr(l_1_step, 'run'), 10)),
                '\n',
            ))
        return concat(t_9)
    context.exported_vars.add('step')
    context.vars['step'] = l_0_step = Macro(environment, macro, 'step', ('step',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_job):
        t_10 = []
        if l_1_job is missing:
            l_1_job = undefined("parameter 'job' was not provided", name='job')
        pass
        t_10.extend((
            '  ',
            str(t_2(environment.getattr(l_1_job, 'id'))),
            ':\n    name: ',
            str(t_2(environment.getattr(l_1_job, 'name'))),
            '\n',
        ))
        if environment.getattr(l_1_job, 'needs'):
            pass
            t_10.extend((
                '    needs: ',
                str(t_4(environment.getattr(l_1_job, 'needs'))),
                '\n',
            ))
        if (not t_6(environment.getattr(l_1_job, 'if_'))):
            pass
            t_10.extend((
                '    if: ',
                str(t_2(environment.getattr(l_1_job, 'if_'))),
                '\n',
            ))
        t_10.extend((
            '    runs-on: ',
            str(t_2(environment.getattr(l_1_job, 'runs_on'))),
            '\n',
        ))
        if (not t_6(environment.getattr(l_1_job, 'environment'))):
            pass
            t_10.extend((
                '    environment:\n      name: ',
                str(t_2(environment.getitem(environment.getattr(l_1_job, 'environment'), 0))),
                '\n',
            ))
            if environment.getitem(environment.getattr(l_1_job, 'environment'), 1):
                pass
                t_10.extend((
                    '      url: ',
                    str(t_2(environment.getitem(environment.getattr(l_1_job, 'environment'), 1))),
                    '\n',
                ))
        t_10.extend((
            '    timeout-minutes: ',
            str(t_2(environment.getattr(l_1_job, 'timeout_minutes'))),
            '\n    permissions:\n',
        ))
        for l_2_permission in environment.getattr(l_1_job, 'permissions'):
            _loop_vars = {}
            pass
            t_10.extend((
                '      ',
                str(t_2(environment.getattr(l_2_permission, 'scope'))),
                ': ',
                str(t_2(environment.getattr(l_2_permission, 'level'))),
                '  # ',
                str(t_1(environment.getattr(l_2_permission, 'reason'))),
                '\n',
            ))
        l_2_permission = missing
        if environment.getattr(l_1_job, 'outputs'):
            pass
            t_10.extend((
                '    outputs:\n',
                str(context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr(l_1_job, 'outputs'), 6)),
            ))
        if ((not t_6(environment.getattr(l_1_job, 'shell'))) or (not t_6(environment.getattr(l_1_job, 'working_directory')))):
            pass
            t_10.append(
                '    defaults:\n      run:\n',
            )
            if (not t_6(environment.getattr(l_1_job, 'shell'))):
                pass
                t_10.extend((
                    '        shell: ',
                    str(t_2(environment.getattr(l_1_job, 'shell'))),
                    '\n',
                ))
            if (not t_6(environment.getattr(l_1_job, 'working_directory'))):
                pass
                t_10.extend((
                    "        # GitHub runs this file from the repository's root; the project lives in this folder.\n        working-directory: ",
                    str(t_2(environment.getattr(l_1_job, 'working_directory'))),
                    '\n',
                ))
        t_10.append(
            '    steps:\n',
        )
        for l_2_item in environment.getattr(l_1_job, 'steps'):
            _loop_vars = {}
            pass
            t_10.append(
                str(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_2_item, _loop_vars=_loop_vars)),
            )
        l_2_item = missing
        return concat(t_10)
    context.exported_vars.add('job')
    context.vars['job'] = l_0_job = Macro(environment, macro, 'job', ('job',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_flow, l_1_header):
        t_11 = []
        if l_1_flow is missing:
            l_1_flow = undefined("parameter 'flow' was not provided", name='flow')
        if l_1_header is missing:
            l_1_header = undefined("parameter 'header' was not provided", name='header')
        pass
        t_11.extend((
            str(l_1_header),
            '\nname: ',
            str(t_2(environment.getattr(l_1_flow, 'name'))),
            "\n'on':",
            str(t_3(environment.getattr(l_1_flow, 'on'), 2)),
            '\n# No permission at the top: each job asks for what it needs.\npermissions: {}\nconcurrency:\n  group: ',
            str(t_2(environment.getattr(l_1_flow, 'concurrency_group'))),
            '\n  cancel-in-progress: ',
            str(t_2(environment.getattr(l_1_flow, 'cancel_in_progress'))),
            '\njobs:\n',
        ))
        for l_2_item in environment.getattr(l_1_flow, 'jobs'):
            _loop_vars = {}
            pass
            t_11.append(
                str(context.call((undefined(name='job') if l_0_job is missing else l_0_job), l_2_item, _loop_vars=_loop_vars)),
            )
        l_2_item = missing
        return concat(t_11)
    context.exported_vars.add('workflow')
    context.vars['workflow'] = l_0_workflow = Macro(environment, macro, 'workflow', ('flow', 'header'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=54&4=61&5=65&10=88&11=95&12=98&13=102&15=105&16=109&18=112&19=116&21=121&23=125&25=127&27=131&29=133&30=137&34=144&35=151&36=153&37=156&38=160&40=163&41=167&43=172&44=175&46=179&47=182&48=186&51=191&53=194&54=199&56=207&58=211&60=213&63=218&64=222&66=225&68=229&72=235&73=239&77=246&78=254&79=256&80=258&84=260&85=262&87=265&88=269'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_path_entries = l_0_string_list = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_2 = environment.filters['yaml_inline']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_inline' found.")
    try:
        t_3 = environment.tests['iterable']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'iterable' found.")
    try:
        t_4 = environment.tests['mapping']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'mapping' found.")
    try:
        t_5 = environment.tests['string']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'string' found.")
    pass
    def macro(l_1_name, l_1_entries):
        t_6 = []
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        if l_1_entries is missing:
            l_1_entries = undefined("parameter 'entries' was not provided", name='entries')
        pass
        if l_1_entries:
            pass
            t_6.extend((
                str(l_1_name),
                ':\n',
            ))
            for l_2_entry in l_1_entries:
                _loop_vars = {}
                pass
                if environment.getattr(l_2_entry, 'options'):
                    pass
                    t_6.extend((
                        '  - ',
                        str(t_1(environment.getattr(l_2_entry, 'path'))),
                        ':\n',
                    ))
                    for (l_3_key, l_3_value) in environment.getattr(l_2_entry, 'options'):
                        _loop_vars = {}
                        pass
                        if (t_4(l_3_value) or (t_3(l_3_value) and (not t_5(l_3_value)))):
                            pass
                            t_6.extend((
                                '      ',
                                str(l_3_key),
                                ': ',
                                str(t_2(l_3_value)),
                                '\n',
                            ))
                        else:
                            pass
                            t_6.extend((
                                '      ',
                                str(l_3_key),
                                ': ',
                                str(t_1(l_3_value)),
                                '\n',
                            ))
                    l_3_key = l_3_value = missing
                else:
                    pass
                    t_6.extend((
                        '  - ',
                        str(t_1(environment.getattr(l_2_entry, 'path'))),
                        '\n',
                    ))
            l_2_entry = missing
        return concat(t_6)
    context.exported_vars.add('path_entries')
    context.vars['path_entries'] = l_0_path_entries = Macro(environment, macro, 'path_entries', ('name', 'entries'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_name, l_1_items):
        t_7 = []
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        if l_1_items:
            pass
            t_7.extend((
                str(l_1_name),
                ':\n',
            ))
            for l_2_item in l_1_items:
                _loop_vars = {}
                pass
                t_7.extend((
                    '  - ',
                    str(t_1(l_2_item)),
                    '\n',
                ))
            l_2_item = missing
        return concat(t_7)
    context.exported_vars.add('string_list')
    context.vars['string_list'] = l_0_string_list = Macro(environment, macro, 'string_list', ('name', 'items'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=49&4=52&5=55&6=58&7=62&8=65&9=68&10=72&12=81&16=91&22=99&23=106&24=109&25=112&26=117'
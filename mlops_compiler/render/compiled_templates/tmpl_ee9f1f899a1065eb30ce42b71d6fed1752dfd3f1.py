from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'monitoring/_rules.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pairs = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    def macro(l_1_items, l_1_indent):
        t_2 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        for (l_2_key, l_2_value) in l_1_items:
            _loop_vars = {}
            pass
            t_2.extend((
                str((' ' * l_1_indent)),
                str(t_1(l_2_key)),
                ': ',
                str(t_1(l_2_value)),
                '\n',
            ))
        l_2_key = l_2_value = missing
        return concat(t_2)
    context.exported_vars.add('pairs')
    context.vars['pairs'] = l_0_pairs = Macro(environment, macro, 'pairs', ('items', 'indent'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=25&4=29'
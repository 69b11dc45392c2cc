from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dvc/params.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_params = resolve('params')
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_2 = environment.filters['yaml_block']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_block' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    t_3 = 1
    for (l_1_key, l_1_value) in context.call(environment.getattr((undefined(name='params') if l_0_params is missing else l_0_params), 'items')):
        _loop_vars = {}
        pass
        yield str(t_1(l_1_key))
        yield ':'
        yield str(t_2(l_1_value, 2))
        yield '\n'
        t_3 = 0
    l_1_key = l_1_value = missing
    if t_3:
        pass
        yield '{}\n'

blocks = {}
debug_info = '1=25&2=28&3=31'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'docker/dockerignore.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_patterns = resolve('patterns')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n# Kept out of the build context: history, local environments, caches, stores, secrets.\n'
    for l_1_pattern in (undefined(name='patterns') if l_0_patterns is missing else l_0_patterns):
        _loop_vars = {}
        pass
        yield str(t_1(l_1_pattern))
        yield '\n'
    l_1_pattern = missing

blocks = {}
debug_info = '1=19&3=21&4=24'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'files/verbatim.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_file = resolve('file')
    l_0_header = resolve('header')
    pass
    yield str(environment.getattr((undefined(name='file') if l_0_file is missing else l_0_file), 'directives'))
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    yield str(environment.getattr((undefined(name='file') if l_0_file is missing else l_0_file), 'text'))
    yield '\n'

blocks = {}
debug_info = '1=13&2=16'
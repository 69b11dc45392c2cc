from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'files/gitignore.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_patterns = resolve('patterns')
    pass
    yield '# >>> mlops-compiler: from mlops.yaml (`tracking.uri` is local); the lines outside this block are yours\n'
    for l_1_pattern in (undefined(name='patterns') if l_0_patterns is missing else l_0_patterns):
        _loop_vars = {}
        pass
        yield str(l_1_pattern)
        yield '\n'
    l_1_pattern = missing
    yield '# <<< mlops-compiler\n'

blocks = {}
debug_info = '2=13&3=16'
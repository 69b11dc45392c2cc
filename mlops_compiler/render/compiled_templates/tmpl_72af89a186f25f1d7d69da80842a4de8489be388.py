from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'files/gitattributes.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_spec_name = resolve('spec_name')
    l_0_lines = resolve('lines')
    pass
    yield '# >>> mlops-compiler: files generated from '
    yield str((undefined(name='spec_name') if l_0_spec_name is missing else l_0_spec_name))
    yield ", folded in GitHub's diffs; the lines outside this block are yours\n"
    for l_1_line in (undefined(name='lines') if l_0_lines is missing else l_0_lines):
        _loop_vars = {}
        pass
        yield str(l_1_line)
        yield '\n'
    l_1_line = missing
    yield '# <<< mlops-compiler\n'

blocks = {}
debug_info = '1=14&2=16&3=19'
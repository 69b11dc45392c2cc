from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'github/cd.yml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_workflow = resolve('workflow')
    l_0_header = resolve('header')
    l_0_w = missing
    pass
    l_0_w = context.vars['w'] = environment.get_template('github/_workflow.jinja', 'github/cd.yml.jinja')._get_default_module(context)
    context.exported_vars.discard('w')
    yield str(context.call(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'workflow'), (undefined(name='workflow') if l_0_workflow is missing else l_0_workflow), (undefined(name='header') if l_0_header is missing else l_0_header)))

blocks = {}
debug_info = '1=14&2=16'
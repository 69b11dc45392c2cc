from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'mlflow/python_env.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_env = resolve('env')
    l_0_m = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'mlflow/python_env.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\npython: '
    yield str(t_1(environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'python')))
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'string_list'), 'build_dependencies', environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'build_dependencies')))
    if environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'dependencies'):
        pass
        yield str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'string_list'), 'dependencies', environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'dependencies')))
    else:
        pass
        yield 'dependencies: []\n'

blocks = {}
debug_info = '1=20&2=22&3=24&4=26&5=27&6=29'
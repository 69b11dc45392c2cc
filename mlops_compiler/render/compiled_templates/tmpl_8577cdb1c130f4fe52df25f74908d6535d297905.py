from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'mlflow/conda.yaml.jinja'

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
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'mlflow/conda.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\nname: '
    yield str(t_1(environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'name')))
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'string_list'), 'channels', environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'channels')))
    yield 'dependencies:\n'
    for l_1_dependency in environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'dependencies'):
        _loop_vars = {}
        pass
        yield '  - '
        yield str(t_1(l_1_dependency))
        yield '\n'
    l_1_dependency = missing
    if environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'pip'):
        pass
        yield '  - pip:\n'
        for l_1_requirement in environment.getattr((undefined(name='env') if l_0_env is missing else l_0_env), 'pip'):
            _loop_vars = {}
            pass
            yield '      - '
            yield str(t_1(l_1_requirement))
            yield '\n'
        l_1_requirement = missing

blocks = {}
debug_info = '1=20&2=22&3=24&4=26&6=28&7=32&9=35&11=38&12=42'
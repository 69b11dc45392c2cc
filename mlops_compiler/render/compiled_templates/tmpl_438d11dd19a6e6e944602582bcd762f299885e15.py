from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'mlflow/MLproject.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_project = resolve('project')
    try:
        t_1 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_2 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_3 = environment.filters['yaml_inline']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_inline' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\nname: '
    yield str(t_2(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'name')))
    yield '\n'
    if (environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'env_kind') == 'python_env'):
        pass
        yield 'python_env: '
        yield str(t_2(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'env_file')))
        yield '\n'
    elif (environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'env_kind') == 'conda'):
        pass
        yield 'conda_env: '
        yield str(t_2(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'env_file')))
        yield '\n'
    else:
        pass
        yield 'docker_env:\n  image: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'docker'), 'image')))
        yield '\n'
        if environment.getattr(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'docker'), 'volumes'):
            pass
            yield '  volumes: '
            yield str(t_3(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'docker'), 'volumes'))))
            yield '\n'
        if environment.getattr(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'docker'), 'environment'):
            pass
            yield '  environment: '
            yield str(t_3(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'docker'), 'environment'))))
            yield '\n'
    yield '\nentry_points:\n'
    l_1_loop = missing
    for l_1_entry, l_1_loop in LoopContext(environment.getattr((undefined(name='project') if l_0_project is missing else l_0_project), 'entry_points'), undefined):
        _loop_vars = {}
        pass
        if (not environment.getattr(l_1_loop, 'first')):
            pass
            yield '\n'
        yield '  '
        yield str(t_2(environment.getattr(l_1_entry, 'name')))
        yield ':\n'
        if environment.getattr(l_1_entry, 'parameters'):
            pass
            yield '    parameters:\n'
            for l_2_p in environment.getattr(l_1_entry, 'parameters'):
                _loop_vars = {}
                pass
                if environment.getattr(l_2_p, 'short'):
                    pass
                    yield '      '
                    yield str(t_2(environment.getattr(l_2_p, 'name')))
                    yield ': '
                    yield str(t_2(environment.getattr(l_2_p, 'type')))
                    yield '\n'
                else:
                    pass
                    yield '      '
                    yield str(t_2(environment.getattr(l_2_p, 'name')))
                    yield ': {type: '
                    yield str(t_2(environment.getattr(l_2_p, 'type')))
                    if (not t_4(environment.getattr(l_2_p, 'default'))):
                        pass
                        yield ', default: '
                        yield str(t_3(environment.getattr(l_2_p, 'default')))
                    if (not t_4(environment.getattr(l_2_p, 'description'))):
                        pass
                        yield ', description: '
                        yield str(t_3(environment.getattr(l_2_p, 'description')))
                    yield '}\n'
            l_2_p = missing
        yield '    command: '
        yield str(t_2(environment.getattr(l_1_entry, 'command')))
        yield '\n'
    l_1_loop = l_1_entry = missing

blocks = {}
debug_info = '1=37&2=39&3=41&4=44&5=46&6=49&9=54&10=56&11=59&13=61&14=64&19=68&20=71&23=75&24=77&26=80&27=83&28=86&30=93&34=107'
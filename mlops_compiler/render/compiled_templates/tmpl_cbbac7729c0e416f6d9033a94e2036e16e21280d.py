from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dvc/config.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_config = resolve('config')
    try:
        t_1 = environment.filters['ini']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'ini' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    if ((not t_2(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'default_remote'))) or environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'core')):
        pass
        yield '[core]\n'
        if (not t_2(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'default_remote'))):
            pass
            yield '    remote = '
            yield str(t_1(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'default_remote')))
            yield '\n'
        for (l_1_key, l_1_value) in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'core'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(l_1_key)
            yield ' = '
            yield str(t_1(l_1_value))
            yield '\n'
        l_1_key = l_1_value = missing
    for l_1_remote in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'remotes'):
        _loop_vars = {}
        pass
        yield '[\'remote "'
        yield str(t_1(environment.getattr(l_1_remote, 'name')))
        yield '"\']\n'
        for (l_2_key, l_2_value) in environment.getattr(l_1_remote, 'options'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(l_2_key)
            yield ' = '
            yield str(t_1(l_2_value))
            yield '\n'
        l_2_key = l_2_value = missing
    l_1_remote = missing
    for (l_1_header, l_1_options) in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'sections'):
        _loop_vars = {}
        pass
        yield '['
        yield str(l_1_header)
        yield ']\n'
        for (l_2_key, l_2_value) in l_1_options:
            _loop_vars = {}
            pass
            yield '    '
            yield str(l_2_key)
            yield ' = '
            yield str(t_1(l_2_value))
            yield '\n'
        l_2_key = l_2_value = missing
    l_1_header = l_1_options = missing

blocks = {}
debug_info = '1=25&2=27&4=30&5=33&7=35&8=39&11=44&12=48&13=50&14=54&17=60&18=64&19=66&20=70'
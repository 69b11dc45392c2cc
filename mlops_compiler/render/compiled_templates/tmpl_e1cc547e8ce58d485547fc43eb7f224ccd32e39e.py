from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'docker/serve.Dockerfile.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_dockerfile = resolve('dockerfile')
    l_0_stages = missing
    try:
        t_1 = environment.filters['docker_json']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docker_json' found.")
    pass
    l_0_stages = context.vars['stages'] = environment.get_template('docker/_stages.jinja', 'docker/serve.Dockerfile.jinja')._get_default_module(context)
    context.exported_vars.discard('stages')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='stages') if l_0_stages is missing else l_0_stages), 'build_stage'), (undefined(name='dockerfile') if l_0_dockerfile is missing else l_0_dockerfile)))
    yield '\n\n'
    yield str(context.call(environment.getattr((undefined(name='stages') if l_0_stages is missing else l_0_stages), 'runtime_stage'), (undefined(name='dockerfile') if l_0_dockerfile is missing else l_0_dockerfile)))
    yield '\nEXPOSE '
    yield str(environment.getattr((undefined(name='dockerfile') if l_0_dockerfile is missing else l_0_dockerfile), 'port'))
    yield '\nHEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD '
    yield str(t_1(environment.getattr((undefined(name='dockerfile') if l_0_dockerfile is missing else l_0_dockerfile), 'healthcheck')))
    yield '\nCMD '
    yield str(t_1(environment.getattr((undefined(name='dockerfile') if l_0_dockerfile is missing else l_0_dockerfile), 'command')))
    yield '\n'

blocks = {}
debug_info = '1=20&2=22&3=24&5=26&6=28&7=30&8=32'
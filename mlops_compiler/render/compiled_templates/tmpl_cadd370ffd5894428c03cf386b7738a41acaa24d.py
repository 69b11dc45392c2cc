from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'docker/_stages.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_build_stage = l_0_runtime_stage = missing
    try:
        t_1 = environment.filters['docker_env']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docker_env' found.")
    try:
        t_2 = environment.filters['docker_json']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'docker_json' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['sh']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'sh' found.")
    pass
    def macro(l_1_d):
        t_6 = []
        if l_1_d is missing:
            l_1_d = undefined("parameter 'd' was not provided", name='d')
        pass
        t_6.extend((
            "# Build stage: a virtual environment with the project's requirements.\nFROM ",
            str(t_5(environment.getattr(l_1_d, 'base'))),
            ' AS build\nWORKDIR /build\n',
        ))
        if environment.getattr(l_1_d, 'requirements_file'):
            pass
            t_6.extend((
                'COPY ',
                str(t_2([environment.getattr(l_1_d, 'requirements_file'), 'requirements.txt'])),
                '\n',
            ))
        if environment.getattr(l_1_d, 'dvc_no_scm'):
            pass
            t_6.append(
                '# DVC runs without git in the image: .dockerignore leaves the history out.\nENV DVC_SYSTEM_CONFIG_DIR=/opt/venv/etc/dvc\n',
            )
        t_6.extend((
            'RUN python -m venv /opt/venv \\\n && /opt/venv/bin/pip install --no-cache-dir ',
            str(t_3(context.eval_ctx, t_4(context, environment.getattr(l_1_d, 'pip_arguments'), 'sh'), ' ')),
        ))
        if environment.getattr(l_1_d, 'dvc_no_scm'):
            pass
            t_6.append(
                ' \\\n && /opt/venv/bin/dvc config --system core.no_scm true',
            )
        return concat(t_6)
    context.exported_vars.add('build_stage')
    context.vars['build_stage'] = l_0_build_stage = Macro(environment, macro, 'build_stage', ('d',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_d):
        t_7 = []
        if l_1_d is missing:
            l_1_d = undefined("parameter 'd' was not provided", name='d')
        pass
        t_7.extend((
            '# Runtime stage: the environment and the project, run as a numeric non-root user.\nFROM ',
            str(t_5(environment.getattr(l_1_d, 'base'))),
            ' AS runtime\n',
        ))
        l_2_loop = missing
        for (l_2_key, l_2_value), l_2_loop in LoopContext(environment.getattr(l_1_d, 'env'), undefined):
            _loop_vars = {}
            pass
            t_7.extend((
                str(('ENV' if environment.getattr(l_2_loop, 'first') else '   ')),
                ' ',
                str(l_2_key),
                '=',
                str(t_1(l_2_value)),
                str((' \\' if (not environment.getattr(l_2_loop, 'last')) else '')),
                '\n',
            ))
        l_2_loop = l_2_key = l_2_value = missing
        t_7.extend((
            'COPY --from=build ["/opt/venv", "/opt/venv"]\n# A passwd entry for the numeric user: getpwuid() (DVC, MLflow, git) fails without one.\nRUN echo ',
            str(t_5(environment.getattr(l_1_d, 'passwd_entry'))),
            ' >> /etc/passwd \\\n && echo ',
            str(t_5(environment.getattr(l_1_d, 'group_entry'))),
            ' >> /etc/group\n',
        ))
        for (l_2_source, l_2_destination) in environment.getattr(l_1_d, 'copies'):
            _loop_vars = {}
            pass
            t_7.extend((
                'COPY --chown=',
                str(environment.getattr(l_1_d, 'uid')),
                ':',
                str(environment.getattr(l_1_d, 'uid')),
                ' ',
                str(t_2([l_2_source, l_2_destination])),
                '\n',
            ))
        l_2_source = l_2_destination = missing
        t_7.extend((
            'WORKDIR /app\nUSER ',
            str(environment.getattr(l_1_d, 'uid')),
            ':',
            str(environment.getattr(l_1_d, 'uid')),
        ))
        return concat(t_7)
    context.exported_vars.add('runtime_stage')
    context.vars['runtime_stage'] = l_0_runtime_stage = Macro(environment, macro, 'runtime_stage', ('d',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&4=49&6=52&7=56&9=59&14=66&15=68&21=77&23=84&24=88&25=92&29=103&30=105&31=108&32=113&35=123'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/service.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_deploy = resolve('deploy')
    l_0_k = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    l_0_k = context.vars['k'] = environment.get_template('deploy/_k8s.jinja', 'deploy/service.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('k')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: v1\nkind: Service\nmetadata:\n  name: '
    yield str(t_1(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'name')))
    yield '\n  labels:\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'labels'), environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'labels'), 4), 'rstrip'), '\n'))
    yield '\nspec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: '
    yield str(t_1(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'name')))
    yield '\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n      protocol: TCP\n'

blocks = {}
debug_info = '1=20&2=22&6=24&8=26&12=28'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/hpa.yaml.jinja'

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
    l_0_k = context.vars['k'] = environment.get_template('deploy/_k8s.jinja', 'deploy/hpa.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('k')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: '
    yield str(t_1(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'name')))
    yield '\n  labels:\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'labels'), environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'labels'), 4), 'rstrip'), '\n'))
    yield '\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: '
    yield str(t_1(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'name')))
    yield '\n  minReplicas: '
    yield str(t_1(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'min_replicas')))
    yield '\n  maxReplicas: '
    yield str(t_1(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'max_replicas')))
    yield '\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: '
    yield str(t_1(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'cpu_utilization')))
    yield '\n'

blocks = {}
debug_info = '1=20&2=22&6=24&8=26&13=28&14=30&15=32&22=34'
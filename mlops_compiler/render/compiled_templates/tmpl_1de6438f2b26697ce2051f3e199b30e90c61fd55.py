from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/inferenceservice.yaml.jinja'

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
        t_1 = environment.filters['string']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'string' found.")
    try:
        t_2 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_k = context.vars['k'] = environment.get_template('deploy/_k8s.jinja', 'deploy/inferenceservice.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('k')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: '
    yield str(t_2(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'name')))
    yield '\n  labels:\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'labels'), environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'labels'), 4), 'rstrip'), '\n'))
    yield '\n  annotations:\n    serving.kserve.io/enable-prometheus-scraping: "true"\n    prometheus.io/port: '
    yield str(t_2(t_1(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'container'), 'port'))))
    yield '\n    prometheus.io/path: '
    yield str(t_2(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'container'), 'metrics_path')))
    yield '\nspec:\n  predictor:\n'
    if t_3(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling')):
        pass
        yield '    minReplicas: '
        yield str(t_2(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'replicas')))
        yield '\n    maxReplicas: '
        yield str(t_2(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'replicas')))
        yield '\n'
    else:
        pass
        yield '    minReplicas: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'min_replicas')))
        yield '\n    maxReplicas: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'max_replicas')))
        yield '\n    scaleMetric: cpu\n    scaleTarget: '
        yield str(t_2(environment.getattr(environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'autoscaling'), 'cpu_utilization')))
        yield '\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'pod_security'), environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'uid'), 4), 'rstrip'), '\n'))
    yield '\n    containers:\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'container'), environment.getattr((undefined(name='deploy') if l_0_deploy is missing else l_0_deploy), 'container'), 8), 'rstrip'), '\n'))
    yield '\n'

blocks = {}
debug_info = '1=32&2=34&6=36&8=38&11=40&12=42&15=44&16=47&17=49&19=54&20=56&22=58&24=60&26=62'
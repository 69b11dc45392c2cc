from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/kubernetes_job_template.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_training = resolve('training')
    l_0_k = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    l_0_k = context.vars['k'] = environment.get_template('deploy/_k8s.jinja', 'deploy/kubernetes_job_template.yaml.jinja')._get_default_module(context)
    context.exported_vars.discard('k')
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n# MLflow fills in the name, the image it built and the command (`mlflow run --backend kubernetes`).\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: "{replaced with MLflow Project name}"\n  namespace: '
    yield str(t_1(environment.getattr((undefined(name='training') if l_0_training is missing else l_0_training), 'namespace')))
    yield '\nspec:\n  ttlSecondsAfterFinished: '
    yield str(t_1(environment.getattr((undefined(name='training') if l_0_training is missing else l_0_training), 'ttl_seconds')))
    yield '\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      automountServiceAccountToken: false\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: "{replaced with MLflow Project name}"\n          image: "{replaced with URI of Docker image created during Project execution}"\n          command: ["{replaced with MLflow Project entry point command}"]\n          env: []  # MLflow appends MLFLOW_TRACKING_URI, MLFLOW_RUN_ID and MLFLOW_EXPERIMENT_ID\n'
    yield str(context.call(environment.getattr(context.call(environment.getattr((undefined(name='k') if l_0_k is missing else l_0_k), 'resources'), environment.getattr((undefined(name='training') if l_0_training is missing else l_0_training), 'resources'), 10), 'rstrip'), '\n'))
    yield '\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop:\n                - ALL\n'

blocks = {}
debug_info = '1=20&2=22&8=24&10=26&24=28'
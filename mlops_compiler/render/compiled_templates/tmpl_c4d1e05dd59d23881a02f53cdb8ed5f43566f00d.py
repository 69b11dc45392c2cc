from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/application.yaml.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_app = resolve('app')
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'name')))
    yield '\n  namespace: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'namespace')))
    yield '\n  finalizers:\n    - resources-finalizer.argocd.argoproj.io\nspec:\n  project: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'project')))
    yield '\n  source:\n    repoURL: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'repo_url')))
    yield '\n    targetRevision: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'revision')))
    yield '\n    path: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'path')))
    yield '\n  destination:\n    server: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'server')))
    yield '\n    namespace: '
    yield str(t_1(environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'destination_namespace')))
    yield '\n  syncPolicy:\n'
    if environment.getattr((undefined(name='app') if l_0_app is missing else l_0_app), 'auto_sync'):
        pass
        yield '    automated:\n      prune: true\n      selfHeal: true\n'
    yield '    syncOptions:\n      - CreateNamespace=true\n'

blocks = {}
debug_info = '1=19&5=21&6=23&10=25&12=27&13=29&14=31&16=33&17=35&19=37'
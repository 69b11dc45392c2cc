from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deploy/_k8s.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_labels = l_0_resources = l_0_container = l_0_pod_security = missing
    try:
        t_1 = environment.filters['yaml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'yaml' found.")
    pass
    def macro(l_1_pairs, l_1_indent):
        t_2 = []
        if l_1_pairs is missing:
            l_1_pairs = undefined("parameter 'pairs' was not provided", name='pairs')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        for (l_2_key, l_2_value) in l_1_pairs:
            _loop_vars = {}
            pass
            t_2.extend((
                str((' ' * l_1_indent)),
                str(t_1(l_2_key)),
                ': ',
                str(t_1(l_2_value)),
                '\n',
            ))
        l_2_key = l_2_value = missing
        return concat(t_2)
    context.exported_vars.add('labels')
    context.vars['labels'] = l_0_labels = Macro(environment, macro, 'labels', ('pairs', 'indent'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_r, l_1_indent):
        t_3 = []
        l_1_pad = missing
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        l_1_pad = (' ' * l_1_indent)
        t_3.extend((
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'resources:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  requests:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    cpu: ',
            str(t_1(environment.getattr(environment.getattr(l_1_r, 'requests'), 'cpu'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    memory: ',
            str(t_1(environment.getattr(environment.getattr(l_1_r, 'requests'), 'memory'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  limits:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    cpu: ',
            str(t_1(environment.getattr(environment.getattr(l_1_r, 'limits'), 'cpu'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    memory: ',
            str(t_1(environment.getattr(environment.getattr(l_1_r, 'limits'), 'memory'))),
            '\n',
        ))
        return concat(t_3)
    context.exported_vars.add('resources')
    context.vars['resources'] = l_0_resources = Macro(environment, macro, 'resources', ('r', 'indent'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c, l_1_indent):
        t_4 = []
        l_1_pad = missing
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        l_1_pad = (' ' * l_1_indent)
        t_4.extend((
            str((' ' * (l_1_indent - 2))),
            '- name: ',
            str(t_1(environment.getattr(l_1_c, 'name'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'image: ',
            str(t_1(environment.getattr(l_1_c, 'image'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'imagePullPolicy: IfNotPresent\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'ports:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  - name: http\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    containerPort: ',
            str(t_1(environment.getattr(l_1_c, 'port'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    protocol: TCP\n',
        ))
        if (environment.getattr(l_1_c, 'env') or environment.getattr(l_1_c, 'secret_env')):
            pass
            t_4.extend((
                str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                'env:\n',
            ))
            for (l_2_key, l_2_value) in environment.getattr(l_1_c, 'env'):
                _loop_vars = {}
                pass
                t_4.extend((
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '  - name: ',
                    str(t_1(l_2_key)),
                    '\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '    value: ',
                    str(t_1(l_2_value)),
                    '\n',
                ))
            l_2_key = l_2_value = missing
            for (l_2_var, l_2_secret, l_2_key) in environment.getattr(l_1_c, 'secret_env'):
                _loop_vars = {}
                pass
                t_4.extend((
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '  - name: ',
                    str(t_1(l_2_var)),
                    '\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '    valueFrom:\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '      secretKeyRef:\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '        name: ',
                    str(t_1(l_2_secret)),
                    '\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '        key: ',
                    str(t_1(l_2_key)),
                    '\n',
                ))
            l_2_var = l_2_secret = l_2_key = missing
        else:
            pass
            t_4.extend((
                str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                'env: []\n',
            ))
        if environment.getattr(l_1_c, 'env_from'):
            pass
            t_4.extend((
                str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                'envFrom:\n',
            ))
            for l_2_secret in environment.getattr(l_1_c, 'env_from'):
                _loop_vars = {}
                pass
                t_4.extend((
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '  - secretRef:\n',
                    str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
                    '      name: ',
                    str(t_1(l_2_secret)),
                    '\n',
                ))
            l_2_secret = missing
        t_4.extend((
            str(context.call((undefined(name='resources') if l_0_resources is missing else l_0_resources), environment.getattr(l_1_c, 'resources'), l_1_indent)),
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'readinessProbe:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  httpGet:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    path: ',
            str(t_1(environment.getattr(l_1_c, 'readiness'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    port: ',
            str(t_1(environment.getattr(l_1_c, 'port'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  initialDelaySeconds: ',
            str(t_1(environment.getattr(l_1_c, 'initial_delay_seconds'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  periodSeconds: 10\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'livenessProbe:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  httpGet:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    path: ',
            str(t_1(environment.getattr(l_1_c, 'liveness'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    port: ',
            str(t_1(environment.getattr(l_1_c, 'port'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  initialDelaySeconds: ',
            str(t_1(environment.getattr(l_1_c, 'initial_delay_seconds'))),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  periodSeconds: 20\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'securityContext:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  allowPrivilegeEscalation: false\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  readOnlyRootFilesystem: true\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  runAsNonRoot: true\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  capabilities:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    drop:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '      - ALL\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'volumeMounts:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  - name: tmp\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    mountPath: /tmp\n',
        ))
        return concat(t_4)
    context.exported_vars.add('container')
    context.vars['container'] = l_0_container = Macro(environment, macro, 'container', ('c', 'indent'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_uid, l_1_indent):
        t_5 = []
        l_1_pad = missing
        if l_1_uid is missing:
            l_1_uid = undefined("parameter 'uid' was not provided", name='uid')
        if l_1_indent is missing:
            l_1_indent = undefined("parameter 'indent' was not provided", name='indent')
        pass
        l_1_pad = (' ' * l_1_indent)
        t_5.extend((
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'automountServiceAccountToken: false\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'securityContext:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  runAsNonRoot: true\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  runAsUser: ',
            str(t_1(l_1_uid)),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  runAsGroup: ',
            str(t_1(l_1_uid)),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  fsGroup: ',
            str(t_1(l_1_uid)),
            '\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  seccompProfile:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    type: RuntimeDefault\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            'volumes:\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '  - name: tmp\n',
            str((undefined(name='pad') if l_1_pad is missing else l_1_pad)),
            '    emptyDir: {}\n',
        ))
        return concat(t_5)
    context.exported_vars.add('pod_security')
    context.vars['pod_security'] = l_0_pod_security = Macro(environment, macro, 'pod_security', ('uid', 'indent'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=25&4=29&8=40&9=48&10=50&11=52&12=54&13=58&14=62&15=64&16=68&20=76&21=84&22=86&23=90&24=94&25=96&26=98&27=100&28=104&29=107&30=110&31=113&32=117&33=121&35=127&36=131&37=135&38=137&39=139&40=143&43=152&45=155&46=158&47=161&48=165&49=167&52=174&53=175&54=177&55=179&56=183&57=187&58=191&59=193&60=195&61=197&62=201&63=205&64=209&65=211&66=213&67=215&68=217&69=219&70=221&71=223&72=225&73=227&74=229&77=236&78=244&79=246&80=248&81=250&82=252&83=256&84=260&85=264&86=266&87=268&88=270&89=272'
{{/* annotations of the Flink objects: the operator build they were validated for, and for gate jobs the run-time acknowledgements */}}
{{- define "fleet.annotations" -}}
annotations:
  flink.bluegreen/operator-version: {{ .version | quote }}
  {{- if .acks }}
  flink.bluegreen/ignore-GATE-POSITION-STATE: the gate position is chosen per job; no state spans the cutover where it sits after the source
  flink.bluegreen/ignore-RUNTIME-CLIENT-LIBRARY: the job jar bundles flink-kubernetes-operator-bluegreen-client (compile scope)
  flink.bluegreen/ignore-RUNTIME-SINGLE-SOURCE-SINK: one source, one sink
  flink.bluegreen/ignore-RUNTIME-WATERMARKS: watermarks are assigned at the source on the gate field (epoch ms)
  {{- end }}
{{- end -}}

{{/* jobManager / taskManager resources */}}
{{- define "fleet.resources" -}}
jobManager:
  replicas: {{ .jmReplicas | default 1 }}
  resource:
    cpu: {{ .jmCpu }}
    memory: {{ .jmMemory }}
taskManager:
  resource:
    cpu: {{ .tmCpu }}
    memory: {{ .tmMemory }}
{{- end -}}

{{/* Gate RBAC: a Role on the one gate ConfigMap, bound to the job's service account */}}
{{- define "fleet.gateRbac" -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .name }}-bluegreen-gate
  namespace: {{ .namespace }}
rules:
  - apiGroups:
      - ""
    resourceNames:
      - {{ .name }}-configmap
    resources:
      - configmaps
    verbs:
      - get
      - list
      - watch
      - update
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ .name }}-bluegreen-gate
  namespace: {{ .namespace }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ .name }}-bluegreen-gate
subjects:
  - apiGroup: ""
    kind: ServiceAccount
    name: flink
    namespace: {{ .namespace }}
{{- end -}}

{{/* One manifest-wired colour: a FlinkDeployment with the gate agent wired into the JobManager */}}
{{- define "fleet.wiredColour" -}}
{{- $j := .job -}}
{{- $agentJar := "/opt/flink/artifacts/bluegreen-agent.jar" -}}
apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  {{- include "fleet.annotations" (dict "version" "1.15" "acks" true) | nindent 2 }}
  labels:
    flink/blue-green-deployment-type: {{ .colour }}
  name: {{ $j.name }}-{{ .colour | lower }}
  namespace: {{ $j.namespace }}
spec:
  flinkConfiguration:
    bluegreen.active-deployment-type: {{ .colour }}
    bluegreen.configmap.name: {{ $j.name }}-configmap
    bluegreen.gate.injection.enabled: "true"
    bluegreen.gate.injection.position: {{ $j.gatePosition }}
    bluegreen.gate.strategy: WATERMARK
    bluegreen.gate.watermark.field-path: {{ $j.gateFieldPath }}
    env.java.opts.jobmanager: -javaagent:/opt/flink/lib/bluegreen-agent.jar
    state.checkpoints.dir: {{ $j.checkpointsDir }}
    state.savepoints.dir: {{ $j.savepointsDir }}
  flinkVersion: v1_20
  image: {{ .image }}
  job:
    {{- if .savepointPath }}
    initialSavepointPath: {{ .savepointPath }}
    {{- end }}
    jarURI: {{ $j.jarURI }}
    parallelism: {{ $j.parallelism }}
    state: running
    upgradeMode: {{ $j.upgradeMode }}
  jobManager:
    podTemplate:
      spec:
        containers:
          - name: flink-main-container
            volumeMounts:
              - mountPath: /opt/flink/lib/bluegreen-agent.jar
                name: bluegreen-agent
                subPath: bluegreen-agent.jar
        initContainers:
          - command:
              - cp
              - --
              - {{ $agentJar }}
              - /bluegreen-agent/bluegreen-agent.jar
            image: {{ $j.agentImage }}
            name: bluegreen-agent-init
            volumeMounts:
              - mountPath: /bluegreen-agent
                name: bluegreen-agent
        volumes:
          - emptyDir: {}
            name: bluegreen-agent
    replicas: 1
    resource:
      cpu: {{ $j.jmCpu }}
      memory: {{ $j.jmMemory }}
  serviceAccount: flink
  taskManager:
    resource:
      cpu: {{ $j.tmCpu }}
      memory: {{ $j.tmMemory }}
{{- end -}}

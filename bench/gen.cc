// bench/gen: writes a kpt-style ResourceList (or, with --stream, a plain
// multi-document stream) of N resources: Deployments with 2-3 containers and
// init containers, ConfigMaps (one holding a cass-operator image config),
// K8ssandraClusters, and large CustomResourceDefinitions.
//   gen N [--stream] > out.yaml
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

bool g_stream = false;
std::string g_pad;  // "  " in a ResourceList, "" in a stream

void Line(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void Line(const char* fmt, ...) {
  std::fputs(g_pad.c_str(), stdout);
  va_list ap;
  va_start(ap, fmt);
  std::vfprintf(stdout, fmt, ap);
  va_end(ap);
  std::fputc('\n', stdout);
}

void Begin(long i) {
  if (g_stream) {
    if (i > 0) std::puts("---");
    g_pad = "";
  } else {
    std::fputs("- ", stdout);
    g_pad = "";
  }
}

void Annotations(long i) {
  if (g_stream) return;
  Line("  annotations:");
  Line("    internal.config.kubernetes.io/path: 'gen/%ld.yaml'", i / 50);
  Line("    internal.config.kubernetes.io/index: '%ld'", i % 50);
}

void Deployment(long i) {
  Line("apiVersion: apps/v1");
  g_pad = g_stream ? "" : "  ";
  Line("kind: Deployment");
  Line("metadata:");
  Line("  name: app-%ld", i);
  Line("  namespace: ns-%ld", i % 17);
  Line("  labels: {app: app-%ld, tier: \"backend\"}", i);
  Annotations(i);
  Line("spec:");
  Line("  replicas: %ld", 1 + i % 3);
  Line("  selector:");
  Line("    matchLabels:");
  Line("      app: app-%ld", i);
  Line("  template:");
  Line("    metadata:");
  Line("      labels:");
  Line("        app: app-%ld # pod label", i);
  Line("    spec:");
  Line("      initContainers:");
  Line("      - name: init");
  Line("        image: busybox:1.%ld", 30 + i % 7);
  Line("        command: [\"sh\", \"-c\", \"echo init\"]");
  Line("      containers:");
  Line("      - name: main");
  Line("        image: k8ssandra/cass-management-api:4.0.%ld", i % 20);
  Line("        ports:");
  Line("        - containerPort: 8080");
  Line("        env:");
  Line("        - name: MODE");
  Line("          value: \"0755\"");
  Line("        - name: LEVEL");
  Line("          value: info");
  Line("        resources:");
  Line("          limits: {cpu: \"1\", memory: 512Mi}");
  Line("      - name: logger");
  Line("        image: \"docker.io/k8ssandra/system-logger:v1.%ld.0\"", i % 30);
  if (i % 2) {
    Line("      - name: medusa");
    Line("        image: cr.k8ssandra.io/k8ssandra/medusa:0.%ld.1", i % 29);
  }
}

void ConfigMap(long i) {
  Line("apiVersion: v1");
  g_pad = g_stream ? "" : "  ";
  Line("kind: ConfigMap");
  Line("metadata:");
  if (i % 1000 == 1) {
    Line("  name: cass-operator-image-config-%ld", i);
    Line("  labels:");
    Line("    k8ssandra.io/config: image");
    Annotations(i);
    Line("data:");
    Line("  image_config.yaml: |");
    Line("    apiVersion: config.k8ssandra.io/v1beta2");
    Line("    kind: ImageConfig");
    Line("    images:");
    Line("      system-logger:");
    Line("        repository: \"k8ssandra\"");
    Line("        name: \"system-logger\"");
    Line("        tag: \"v1.32.0\"");
    Line("      medusa:");
    Line("        repository: \"k8ssandra\"");
    Line("        name: \"medusa\"");
    Line("        tag: \"0.29.1\"");
    Line("    defaults:");
    Line("      # comment kept");
    Line("      registry: \"docker.io\"");
    Line("    types:");
    Line("      cassandra:");
    Line("        repository: \"k8ssandra\"");
    Line("        name: \"cass-management-api\"");
    Line("        suffix: \"-ubi\"");
    return;
  }
  Line("  name: settings-%ld", i);
  Annotations(i);
  Line("data:");
  Line("  flag: \"yes\"");
  Line("  version: \"1.36\"");
  Line("  script: |");
  Line("    #!/bin/sh");
  Line("    echo %ld", i);
}

void Cluster(long i) {
  Line("apiVersion: k8ssandra.io/v1alpha1");
  g_pad = g_stream ? "" : "  ";
  Line("kind: K8ssandraCluster");
  Line("metadata:");
  Line("  name: cluster-%ld", i);
  Annotations(i);
  Line("spec:");
  Line("  cassandra:");
  Line("    serverVersion: \"4.1.%ld\"", i % 9);
  Line("    serverImage: k8ssandra/cass-management-api:4.1.%ld", i % 9);
  Line("    datacenters:");
  Line("    - metadata:");
  Line("        name: dc1");
  Line("      size: 3");
  Line("      containers:");
  Line("      - name: sidecar");
  Line("        image: acme/sidecar:%ld", i % 5);
  Line("  reaper:");
  Line("    containerImage:");
  Line("      repository: thelastpickle");
  Line("      name: cassandra-reaper");
  Line("      tag: \"5.0.0\"");
  Line("  medusa:");
  Line("    containerImage: {repository: k8ssandra, name: medusa, tag: 0.29.1}");
}

void Crd(long i) {
  Line("apiVersion: apiextensions.k8s.io/v1");
  g_pad = g_stream ? "" : "  ";
  Line("kind: CustomResourceDefinition");
  Line("metadata:");
  Line("  name: things%ld.example.com", i);
  Annotations(i);
  Line("spec:");
  Line("  group: example.com");
  Line("  names: {kind: Thing%ld, plural: things%ld}", i, i);
  Line("  versions:");
  Line("  - name: v1");
  Line("    schema:");
  Line("      openAPIV3Schema:");
  Line("        properties:");
  for (int p = 0; p < 150; ++p) {
    Line("          field%d:", p);
    Line("            description: A long description of field %d that says where the image is, what the", p);
    Line("              registry means and how the repository is used when nothing else is set.");
    Line("            properties:");
    Line("              image: {type: string}");
    Line("              registry: {type: string}");
    Line("            type: object");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gen N [--stream]\n");
    return 2;
  }
  long n = std::strtol(argv[1], nullptr, 10);
  g_stream = argc > 2 && std::strcmp(argv[2], "--stream") == 0;
  if (!g_stream) std::puts("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:");
  for (long i = 0; i < n; ++i) {
    Begin(i);
    long k = i % 100;
    if (k < 60)
      Deployment(i);
    else if (k < 85)
      ConfigMap(i);
    else if (k < 98)
      Cluster(i);
    else
      Crd(i);
  }
  if (!g_stream) {
    std::puts("functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input");
    std::puts("  data:\n    rules: nothing.example.invalid=mirror.example");
  }
  return 0;
}

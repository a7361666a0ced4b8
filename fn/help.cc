// The text --help prints: usage and the functionConfig reference.
// tests/docs.sh checks that every config key has a line here.
#include "fn/cli.h"

namespace fn {
namespace {

constexpr const char kHelp[] = R"(k8ssandra-images: relocate every K8ssandra image to your own registry.

A KRM function. It reads a ResourceList on stdin and writes it back on stdout
with every image relocated: the cass-operator ImageConfig embedded in its
ConfigMap (v1beta1 and v1beta2), K8ssandraCluster, CassandraDatacenter, Reaper
and Stargate images (strings and structured), and every workload's pod images.
Only the edited values change; comments, quoting and layout stay byte for byte.

Usage:
  k8ssandra-images < resource-list.yaml          ResourceList mode (kpt, kustomize)
  k8ssandra-images --config CFG [--results FILE] [--quiet] [FILE|DIR...]
                                                 plain YAML files (or stdin) -> stdout;
                                                 also a Helm post-renderer
  k8ssandra-images CFG < stream.yaml             kustomize legacy exec plugin
  k8ssandra-images images [--config CFG] [--format table|tsv|json|skopeo|crane]
                   [--verbose] [--operator-versions cassOperator=V,k8ssandraOperator=V]
                   [--explain COMPONENT|all] [FILE|DIR...]
                                                 the inventory: every image the cluster
                                                 will pull, and where from after CFG;
                                                 --explain: each precedence level and
                                                 which one wins
  k8ssandra-images --help | help | --version

Plain files: a DIR is read as kpt reads a package: *.yaml and *.yml files,
recursively, each directory's entries in name order; hidden files and
directories, what a .krmignore matches, Kptfile and kustomization.yaml/.yml/
Kustomization are skipped. Objects annotated config.kubernetes.io/local-config:
"true" and the config file itself are not written. A document without
apiVersion or kind is an error (FILE:LINE:COL). No resources at all is an error
(exit 1), never an empty stream. Results go to stderr, then a summary line;
--quiet drops the info lines, --results FILE also writes them as YAML.

  kpt fn eval DIR --exec k8ssandra-images -- registry=registry.corp.example:5000

functionConfig: a v1 ConfigMap (data holds strings) or
  apiVersion: fn.k8ssandra-images.dev/v1alpha1
  kind: RegistryRewrite
  spec: (the same fields)

  registry      target for every image no rule matches: host[:port][/path]
                (optional when rules or images are given)
  rules         source prefix -> target; the longest matching `from` wins.
                typed: [{from: docker.io, to: reg.example:5000/hub}, ...]
                ConfigMap: "docker.io=reg.example:5000/hub,cr.k8ssandra.io=reg.example:5000/k8s"
  path          keep (default): target + source path (busybox -> REG/library/busybox)
                flatten: target + last path component (REG/medusa:0.29.1)
                nest: target + source registry + path (REG/docker.io/k8ssandra/medusa:0.29.1)
  exclude       glob patterns on the normalized name without tag/digest
                (docker.io/library/busybox, ghcr.io/*); list or comma-separated
  pullSecret    a Secret name: added to imagePullSecrets, pullSecretRef, the
                ImageConfig's pull secrets and IMAGE_PULL_SECRETS
  pullPolicy    Always | IfNotPresent | Never: set where an image was relocated
  targets       which families to touch: imageConfig, k8ssandra, workloads
                (default: all); list or comma-separated
  imageConfig   rewrite (default): relocate each ImageConfig entry;
                override: set only the format's own switch (v1beta1
                imageRegistry, v1beta2 overrides.registry/.repository); needs
                one target for every image
  strict        true: every warning (an image left off the mirror, a config
                key not understood) becomes an error, so the run fails (exit 1).
                Every image the cluster will pull is checked, also those no
                manifest names (the server image built from serverVersion,
                operator defaults): one off the mirror, or unknown, is named
  operatorVersions
                the operators' versions, when the input lacks their Deployments
                (they decide the defaults): typed {cassOperator: v1.30.2,
                k8ssandraOperator: v1.32.5}; ConfigMap
                "cassOperator=v1.30.2,k8ssandraOperator=v1.32.5"
  imageList     a ConfigMap name: adds (or updates in place) a local-config
                ConfigMap holding images.tsv and skopeo-sync.yaml, every image
                to copy into the mirror (ResourceList mode only)
  images        custom images, kustomize images: style, applied before the
                relocation wherever the image is pulled (name matched
                normalized, or a glob; one of newName, newTag, digest):
                typed: [{name: k8ssandra/medusa, newName: corp/medusa,
                         newTag: 0.30.1, digest: sha256:...}]
                ConfigMap: "k8ssandra/medusa=corp/medusa:0.30.1,busybox=:1.36.1,
                            x=@sha256:..."
                a newName with a registry host is final (not relocated);
                an entry that matches no image is a warning
  autoUpdate    once | always: annotate the datacenters whose Cassandra images
                change with cassandra.datastax.com/autoupdate-spec, which
                cass-operator v1.20+ needs to roll them onto a changed image config
  additionalImageFields
                string image fields of other kinds, kustomize fieldSpec style:
                typed: [{group, version, kind, path: spec/list[]/image}]
                ConfigMap: "example.com/v1/Foo:spec/image,Bar:spec/x/image"

Results: one info result per change, warnings for what could not be relocated
safely, errors for a bad config. Past 1000 changes, changes with one message
are reported once, with a count. Paths inside the embedded ImageConfig are the
ConfigMap field, '|', then the path in the document:
  data.image_config.yaml|images.system-logger.registry

The images command prints the inventory (stdout) and its findings (stderr):
  table (default)  aligned columns: source, target (= when unchanged), component,
                   resource, origin (the field or default that decides it)
  tsv              SOURCE<TAB>TARGET, one line per distinct pair, sorted;
                   --verbose: one line per pull site, plus component, resource, origin
  json             [{source, target, component, resource, origin}], one per pull site
                   (plus unknown, fixed, copyFrom where they apply)
  skopeo           a `skopeo sync --src yaml` file: registry -> images -> tags/digests
  crane            one `crane copy SOURCE TARGET` line per pair that moves
Without --config the target is the source. A ResourceList on stdin works too.

Items that cannot hold an image (CRDs, RBAC, Services, Secrets, webhook
configurations, other ConfigMaps) are passed through as bytes, unparsed, when a
line scan can vouch for their syntax; any other item is parsed as before.
K8SSANDRA_IMAGES_READ=full parses every item (same output, slower).

Exit codes: 0 done (warnings possible); 1 an error result, or unreadable input
(then stdout is empty and stderr says line:column), or (images) an image that
cannot be known; 2 a usage error.
)";
;

}  // namespace

const char* HelpText() { return kHelp; }

}  // namespace fn

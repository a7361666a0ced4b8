// fn/names.h: every name the function matches on or writes, in one place:
// config keys, API groups and kinds, field names of the ImageConfig, the
// annotation and environment variables it writes, and the separator of
// embedded field paths. (Field names inside the objects it walks are written
// where they are walked, as the CRDs spell them.)
#ifndef FN_NAMES_H_
#define FN_NAMES_H_

#include <utility>

namespace fn {
namespace names {

// The program and its own functionConfig kind.
constexpr const char* kProgram = "k8ssandra-images";
// Past this many changes in one run, the info results with one message
// ("relocated A to B") are reported once with a count (krm::GroupInfo): a
// relocation of 10,000 Deployments would otherwise write 30,000 results,
// as many bytes as the manifests themselves.
constexpr size_t kMaxChangeResults = 1000;
// The environment variable that, set to "full", makes every item be read by
// yaml-cpp alone (krm::ReadMode::Full): the output is the same, only slower;
// for the differential test and for ruling the pre-scan out.
constexpr const char* kReadModeEnv = "K8SSANDRA_IMAGES_READ";
constexpr const char* kGroup = "fn.k8ssandra-images.dev";
constexpr const char* kVersion = "v1alpha1";
constexpr const char* kKind = "RegistryRewrite";

// functionConfig fields.
constexpr const char* kRegistry = "registry";
constexpr const char* kRules = "rules";
constexpr const char* kPath = "path";
constexpr const char* kExclude = "exclude";
constexpr const char* kPullSecret = "pullSecret";
constexpr const char* kPullPolicy = "pullPolicy";
constexpr const char* kTargets = "targets";
constexpr const char* kImageConfig = "imageConfig";
constexpr const char* kAdditionalImageFields = "additionalImageFields";
constexpr const char* kStrict = "strict";
constexpr const char* kOperatorVersions = "operatorVersions";
constexpr const char* kImageList = "imageList";
constexpr const char* kImages = "images";
constexpr const char* kAutoUpdate = "autoUpdate";
constexpr const char* kImageName = "name";
constexpr const char* kImageNewName = "newName";
constexpr const char* kImageNewTag = "newTag";
constexpr const char* kImageDigest = "digest";
// The image list ConfigMap's keys.
constexpr const char* kImageListTsv = "images.tsv";
constexpr const char* kImageListSkopeo = "skopeo-sync.yaml";
constexpr const char* kCassOperatorKey = "cassOperator";
constexpr const char* kK8ssandraOperatorKey = "k8ssandraOperator";
constexpr const char* kFrom = "from";
constexpr const char* kTo = "to";

// Registry proxies that serve Docker Hub's images under the same paths
// (Scarf gateways; cass-operator's shipped configs used them up to v1.27.0,
// commit fdd06f7b "Remove Scarf proxies from all images"): an image through
// one and the same image on docker.io are one source, not a collision.
constexpr std::pair<const char*, const char*> kRegistryProxies[] = {{"cr.k8ssandra.io", "docker.io"},
                                                                    {"cr.dtsx.io", "docker.io"}};

// Docker Hub.
constexpr const char* kDockerHub = "docker.io";
constexpr const char* kDockerHubIndex = "index.docker.io";
constexpr const char* kDockerHubApi = "registry-1.docker.io";
constexpr const char* kLibrary = "library";

// The ImageConfig and its ConfigMap.
constexpr const char* kImageConfigKey = "image_config.yaml";
constexpr const char* kConfigLabel = "k8ssandra.io/config";
constexpr const char* kConfigLabelImage = "image";
constexpr const char* kImageConfigKind = "ImageConfig";
constexpr const char* kImageConfigV1beta1 = "config.k8ssandra.io/v1beta1";
constexpr const char* kImageConfigV1beta2 = "config.k8ssandra.io/v1beta2";
// The v1beta1 registry key before cass-operator v1.11.0 (imageRegistry from
// v1.11.0, 7f887b5c47f0ee8204289a66bf08ae4c4bc75b13,
// apis/config/v1beta1/imageconfig_types.go).
constexpr const char* kImageRegistryOverride = "imageRegistryOverride";
// cass-operator's built-in server repositories (v1beta1, no
// defaults.<x>.repository); which one a release uses: BuiltinServerRepository.
constexpr const char* kBuiltinCassandraRepository = "k8ssandra/cass-management-api";
constexpr const char* kBuiltinDseRepository = "datastax/dse-mgmtapi-6_8";      // v1.21.0 on
constexpr const char* kBuiltinDseRepositoryBefore121 = "datastax/dse-server";  // up to v1.20.0
// Result field paths inside an embedded document:
// "data.image_config.yaml|images.system-logger.registry".
constexpr const char* kEmbeddedSeparator = "|";
// cass-operator's UpdateAllowedAnnotation (from v1.20.0,
// apis/cassandra/v1beta1/cassandradatacenter_types.go): once or always.
constexpr const char* kAutoUpdateAnnotation = "cassandra.datastax.com/autoupdate-spec";
// Pod-template annotation holding the hash of the final image config.
constexpr const char* kConfigHashAnnotation = "k8ssandra-images.dev/image-config-hash";

// API groups and kinds.
constexpr const char* kK8ssandraGroup = "k8ssandra.io";
constexpr const char* kCassandraGroup = "cassandra.datastax.com";
constexpr const char* kReaperGroup = "reaper.k8ssandra.io";
constexpr const char* kStargateGroup = "stargate.k8ssandra.io";
constexpr const char* kK8ssandraCluster = "K8ssandraCluster";
constexpr const char* kCassandraDatacenter = "CassandraDatacenter";
constexpr const char* kReaper = "Reaper";
constexpr const char* kStargate = "Stargate";
constexpr const char* kCrd = "CustomResourceDefinition";
constexpr const char* kConfigMap = "ConfigMap";
constexpr const char* kCoreV1 = "v1";
constexpr const char* kAppsGroup = "apps";
constexpr const char* kBatchGroup = "batch";
constexpr const char* kExtensionsGroup = "extensions";
constexpr const char* kPod = "Pod";
constexpr const char* kPodTemplate = "PodTemplate";
constexpr const char* kDeployment = "Deployment";
constexpr const char* kCronJob = "CronJob";
constexpr const char* kList = "List";  // v1 List: its items are resources
// Kinds whose pod template is at spec.template (core, apps or batch).
constexpr const char* kTemplatedWorkloads[] = {"Deployment", "StatefulSet",           "DaemonSet",
                                               "ReplicaSet", "ReplicationController", "Job"};

// Operator Deployments, recognised by the last path component of a
// container's image (k8ssandra/cass-operator, k8ssandra/k8ssandra-operator).
constexpr const char* kCassOperatorName = "cass-operator";
constexpr const char* kK8ssandraOperatorName = "k8ssandra-operator";
// The image k8ssandra-operator runs Stargate from when a K8ssandraCluster
// names none: coded on Docker Hub (k8ssandra-operator v1.32.5
// pkg/stargate/deployments.go, DefaultImageName4 under stargateio/); only
// DEFAULT_REGISTRY moves it.
constexpr const char* kStargateBuiltinImage = "stargateio/stargate-4_0";
// The Docker Hub repositories of k8ssandra-operator's coded defaults
// (fn/upstream_defaults_data.inc: Stargate, Reaper, Medusa).
constexpr const char* kDefaultImageRepositories[] = {"stargateio", "thelastpickle", "k8ssandra"};
constexpr const char* kEnvDefaultRegistry = "DEFAULT_REGISTRY";
constexpr const char* kEnvImagePullSecrets = "IMAGE_PULL_SECRETS";

// Target families.
constexpr const char* kTargetImageConfig = "imageConfig";
constexpr const char* kTargetK8ssandra = "k8ssandra";
constexpr const char* kTargetWorkloads = "workloads";

}  // namespace names
}  // namespace fn

#endif  // FN_NAMES_H_

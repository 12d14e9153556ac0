/** Test support: a stand-in Kubernetes API server, its kubeconfigs and fixtures. */
export { startFakeApiServer, type FakeApiServer, type FakeApiServerConfig, type FakeApiServerOptions, type RecordedRequest } from "./server";
export { kubeconfigYaml, writeKubeconfig, type KubeconfigContext } from "./kubeconfig";
export { generatedPods, loadFixtureDir } from "./objects";
export { fakeCluster, FIXTURES_DIR, type FakeCluster } from "./harness";
export { HOSTILE_MODES, HOSTILE_NAMES, hostileObjects, type HostileMode, type HostileSettings } from "./hostile";

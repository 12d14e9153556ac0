/** Words the synthetic clusters are made of: team, area and app names, people, registries. */

export const TEAMS = [
  "payments", "checkout", "orders", "catalog", "search", "identity", "notifications", "billing", "ledger", "risk",
  "fraud", "shipping", "inventory", "pricing", "promotions", "reviews", "recommendations", "ads", "analytics", "data",
  "ml", "platform", "observability", "security", "growth", "mobile", "web", "partners", "support", "crm",
  "marketing", "reporting", "media", "messaging", "maps", "booking", "loyalty", "subscriptions", "compliance", "finance",
  "accounts", "onboarding", "content", "experiments", "gateway", "devex", "storage", "streaming", "warehouse", "tax",
  "returns", "logistics", "vendors", "affiliates", "sellers", "auth", "chat", "email", "sms", "translations",
] as const;

export const AREAS = [
  "api", "web", "core", "workers", "gateway", "sync", "batch", "stream", "admin", "public",
  "internal", "edge", "jobs", "ingest", "etl", "ui", "backend", "frontend", "bff", "events",
] as const;

export const ENVS: readonly (readonly [string, number])[] = [
  ["prod", 35],
  ["staging", 25],
  ["dev", 25],
  ["qa", 10],
  ["sandbox", 5],
];

export const APP_NAMES = [
  "api", "web", "worker", "gateway", "checkout", "orders", "cart", "search", "indexer", "recommender",
  "notifier", "mailer", "auth", "session", "billing", "invoicer", "ledger", "reporter", "ingest", "scheduler",
  "cache-warmer", "frontend", "backend", "admin-ui", "graphql", "bff", "consumer", "producer", "sync", "exporter",
  "importer", "resizer", "thumbnailer", "pricing-engine", "rules-engine", "webhook-receiver", "event-router", "audit-logger",
  "feature-flags", "config-server", "token-service", "user-service", "profile-service", "payment-service", "fraud-scorer",
  "risk-engine", "geo-service", "catalog-service", "inventory-service", "shipping-service", "tracking", "chat", "push",
  "sms-gateway", "storefront", "dashboard", "portal", "docs", "status-page", "reconciler", "settlement", "payout",
] as const;

/** Apps served to browsers: tier=frontend, reached from the ingress controller. */
export const FRONTEND_APPS = new Set(["web", "frontend", "admin-ui", "bff", "graphql", "gateway", "storefront", "dashboard", "portal", "docs", "status-page"]);

/** Stateful stores run as StatefulSets, with the upstream image each one would use. */
export const DATA_STORES: readonly (readonly [name: string, image: string, tag: string, port: number, portName: string])[] = [
  ["postgres", "docker.io/library/postgres", "16.4", 5432, "postgres"],
  ["redis", "docker.io/library/redis", "7.2.5", 6379, "redis"],
  ["kafka", "docker.io/bitnami/kafka", "3.7.1", 9092, "kafka"],
  ["rabbitmq", "docker.io/library/rabbitmq", "3.13-management", 5672, "amqp"],
  ["elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch", "8.15.0", 9200, "http"],
  ["mongodb", "docker.io/library/mongo", "7.0.12", 27017, "mongodb"],
];

export const PEOPLE = [
  "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nina", "oscar",
  "peggy", "quentin", "rupert", "sybil", "trent", "ursula", "victor", "walter", "xena", "yara", "zoe", "amir", "bea",
  "chen", "dmitri", "eva", "farah", "goran", "hana", "ines", "jonas", "kemal", "lena", "mateo", "noor", "olga", "priya",
];

export const EMAIL_DOMAIN = "example.com";
export const REGISTRIES = ["registry.example.com", "ghcr.io/example-corp", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"];

/** Environment variable names (values never matter: the loader drops them). */
export const ENV_NAMES = ["LOG_LEVEL", "PORT", "OTEL_EXPORTER_OTLP_ENDPOINT", "DATABASE_HOST", "REDIS_URL", "FEATURE_FLAGS", "REGION", "GOMAXPROCS"];

export const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
export const INSTANCE_TYPES = ["m6i.2xlarge", "m6i.4xlarge", "c6i.4xlarge", "r6i.2xlarge"];

/** Kubelet versions: mostly current, a few nodes left behind (version skew is a posture finding). */
export const KUBELET_VERSIONS: readonly (readonly [string, number])[] = [
  ["v1.31.4", 80],
  ["v1.30.8", 15],
  ["v1.28.15", 5],
];

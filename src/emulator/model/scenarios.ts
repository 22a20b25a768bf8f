import type { Prng } from "./prng.ts";
import type { InstanceRest, Subscription } from "./types.ts";
import { apiEndpoint, buildService, webEndpoint, type BuildContext, type ServiceSpec } from "./scenario-builder.ts";
import { failedStart } from "./lifecycle.ts";
import { buildCloudService, type CloudServiceSpec } from "./cloud-service-builder.ts";
import { buildScaleSet, type ScaleSetSpec } from "./scale-set-builder.ts";

/** The named starting states. Names here are relied on by other parts' tests: keep them exact. */
export const scenarioNames = ["demo", "large", "empty"] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export const SUBSCRIPTION_ID = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
export const SUBSCRIPTION_NAME = "Contoso Operations (emulated)";

const unresponsive: InstanceRest = {
  status: "UnresponsiveRole",
  errorCode: "",
  stateDetails: "The role instance has not reported its status for more than 5 minutes.",
};

const demoServices: ServiceSpec[] = [
  {
    name: "contoso-web",
    label: "Contoso public web site",
    location: "West Europe",
    deployments: [
      {
        slot: "production",
        label: "contoso-web 2024.11.3",
        upgradeDomainCount: 3,
        roles: [
          { name: "WebFrontend", count: 4, size: "Medium", endpoints: [webEndpoint] },
          { name: "ApiWorker", count: 3, size: "Medium", endpoints: [apiEndpoint] },
        ],
        unhealthy: { ApiWorker_IN_2: unresponsive },
      },
      {
        slot: "staging",
        label: "contoso-web 2024.12.0-rc1",
        upgradeDomainCount: 2,
        roles: [
          { name: "WebFrontend", count: 2, endpoints: [webEndpoint] },
          { name: "ApiWorker", count: 2, endpoints: [apiEndpoint] },
        ],
      },
    ],
  },
  {
    name: "contoso-billing",
    label: "Contoso billing",
    location: "North Europe",
    deployments: [
      {
        slot: "production",
        label: "billing 3.4.1",
        upgradeDomainCount: 2,
        roles: [
          { name: "BillingApi", count: 2, endpoints: [apiEndpoint] },
          { name: "InvoiceWorker", count: 1 },
        ],
      },
      {
        slot: "staging",
        label: "billing 3.5.0-beta",
        upgradeDomainCount: 2,
        roles: [
          { name: "BillingApi", count: 2, endpoints: [apiEndpoint] },
          { name: "InvoiceWorker", count: 1 },
        ],
      },
    ],
  },
  {
    name: "fabrikam-jobs",
    label: "Fabrikam batch jobs",
    location: "East US",
    deployments: [{ slot: "production", label: "jobs 1.9.0", upgradeDomainCount: 3, roles: [{ name: "JobRunner", count: 3, size: "Large" }] }],
  },
];

const largeRoles = ["Frontend", "Api", "Worker", "Indexer", "Scheduler"];
const locations = ["West Europe", "North Europe", "East US", "West US 2", "Southeast Asia"];
const oddStates: InstanceRest[] = [
  unresponsive,
  { status: "BusyRole", errorCode: "", stateDetails: "" },
  { status: "StoppedVM", errorCode: "", stateDetails: "" },
  { status: "RestartingRole", errorCode: "", stateDetails: "The role is being restarted after an unexpected exit." },
  failedStart,
];

function largeServices(prng: Prng): ServiceSpec[] {
  const unhealthy: Record<string, InstanceRest> = {};
  for (const state of oddStates) {
    const role = largeRoles[prng.int(largeRoles.length)] ?? "Worker";
    unhealthy[`${role}_IN_${prng.int(400)}`] = state;
  }
  const big: ServiceSpec = {
    name: "bigfleet",
    label: "Big fleet",
    location: "West Europe",
    deployments: [
      {
        slot: "production",
        label: "bigfleet 5.0.0",
        upgradeDomainCount: 10,
        roles: largeRoles.map((name, i) => ({ name, count: 400, endpoints: i === 0 ? [webEndpoint] : [] })),
        unhealthy,
      },
    ],
  };
  const small: ServiceSpec[] = [];
  for (let i = 1; i <= 49; i++) {
    const name = `fleet-svc-${String(i).padStart(2, "0")}`;
    small.push({
      name,
      label: `Fleet service ${i}`,
      location: locations[i % locations.length] ?? "West Europe",
      deployments: [{ slot: "production", label: `${name} 1.0.${i}`, upgradeDomainCount: 2, roles: [{ name: "Web", count: 2, endpoints: [webEndpoint] }] }],
    });
  }
  return [big, ...small];
}

/** Cloud services (extended support), the ARM face's resources: two resource groups of one subscription. */
const demoCloudServices: CloudServiceSpec[] = [
  {
    resourceGroup: "rg-shop-prod",
    name: "contoso-shop",
    location: "westeurope",
    updateDomainCount: 3,
    roles: [
      { name: "FrontendRole", count: 4, sku: "Standard_D2_v2" },
      { name: "ApiRole", count: 3, sku: "Standard_D2_v2" },
      { name: "WorkerRole", count: 5, sku: "Standard_D1_v2" },
    ],
    unhealthy: { ApiRole_IN_1: unresponsive },
  },
  {
    resourceGroup: "rg-reports",
    name: "fabrikam-reports",
    location: "northeurope",
    updateDomainCount: 2,
    upgradeMode: "Manual",
    roles: [
      { name: "ReportsWeb", count: 2, sku: "Standard_D1_v2" },
      { name: "ReportsWorker", count: 2, sku: "Standard_D2_v2" },
    ],
  },
];

function largeCloudServices(prng: Prng): CloudServiceSpec[] {
  const unhealthy: Record<string, InstanceRest> = {};
  for (const state of oddStates) unhealthy[`${largeRoles[prng.int(largeRoles.length)] ?? "Worker"}_IN_${prng.int(200)}`] = state;
  const roles = largeRoles.map((name) => ({ name, count: 200, sku: "Standard_D2_v2" }));
  return [{ resourceGroup: "rg-bigfleet", name: "bigfleet-cses", location: "westeurope", updateDomainCount: 10, roles, unhealthy }];
}

/**
 * Scale sets (Uniform). Demo: six instances over three zones with a health probe; "1" and "5" are
 * unhealthy (a rolling reimage of them is the dashboard's journey) and "3" is protected from
 * scale-set actions, so that the dashboard has to say why it cannot be chosen.
 */
const demoScaleSets: ScaleSetSpec[] = [
  {
    resourceGroup: "rg-checkout",
    name: "checkout-web",
    location: "westeurope",
    sku: "Standard_D2s_v5",
    capacity: 6,
    zones: ["1", "2", "3"],
    updateDomainCount: 3,
    healthProbe: true,
    unhealthy: { "1": unresponsive, "5": failedStart },
    protectedFromScaleSetActions: ["3"],
  },
];

function largeScaleSets(prng: Prng): ScaleSetSpec[] {
  const unhealthy: Record<string, InstanceRest> = {};
  for (const state of oddStates) unhealthy[String(prng.int(1000))] = state;
  const protectedIds = [0, 1, 2].map(() => String(prng.int(1000)));
  return [
    {
      resourceGroup: "rg-bigfleet",
      name: "bigfleet-vmss",
      location: "westeurope",
      sku: "Standard_D2s_v5",
      capacity: 1000,
      zones: ["1", "2", "3"],
      updateDomainCount: 5,
      healthProbe: true,
      unhealthy,
      protectedFromScaleSetActions: protectedIds,
    },
  ];
}

export function buildScenario(name: ScenarioName, prng: Prng, now: number): Subscription[] {
  const ctx: BuildContext = { prng, now, nextIp: 4 };
  const specs = name === "demo" ? demoServices : name === "large" ? largeServices(prng) : [];
  const services = specs.map((s) => buildService(ctx, s));
  // Built after the classic services, from the same stream, so that classic names stay as they were.
  const armSpecs = name === "demo" ? demoCloudServices : name === "large" ? largeCloudServices(prng) : [];
  const cloudServices = armSpecs.map((s) => buildCloudService(ctx, s));
  // Built last, from the same stream, so that every earlier name and id stays as it was.
  const scaleSetSpecs = name === "demo" ? demoScaleSets : name === "large" ? largeScaleSets(prng) : [];
  const scaleSets = scaleSetSpecs.map((s) => buildScaleSet(ctx, s));
  return [
    {
      id: SUBSCRIPTION_ID,
      name: SUBSCRIPTION_NAME,
      status: "Active",
      createdAt: Date.UTC(2016, 2, 14, 9, 30, 0),
      services,
      cloudServices,
      scaleSets,
    },
  ];
}

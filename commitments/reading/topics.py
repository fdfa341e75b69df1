"""The topics commitments are filed under. Pure Python: the importer, the extractor and the
seed all read this one list, so a slug means the same thing everywhere."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicInfo:
    slug: str
    name: str
    keywords: tuple[str, ...]


TOPICS: tuple[TopicInfo, ...] = (
    TopicInfo("mainnet", "Mainnet", ("mainnet", "main net", "launch date", "launch the chain")),
    TopicInfo("grants", "Grants and bounties", ("grant", "bounty", "bounties", "hackathon")),
    TopicInfo("cdn", "CDN and streaming", ("cdn", "streaming", "video", "content delivery")),
    TopicInfo(
        "bridges",
        "Bridges and cross-chain",
        ("bridge", "cross chain", "cross-chain", "ethereum", "solana", "bnb", "polkadot", "evm"),
    ),
    TopicInfo(
        "token-unlocks", "Token unlocks", ("unlock", "team token", "vesting", "locked token")
    ),
    TopicInfo(
        "native-token",
        "Native token and migration",
        ("native chain", "native token", "migrate", "migration", "erc 20", "erc-20", "erc20"),
    ),
    TopicInfo(
        "listings",
        "Exchange listings",
        ("listing", "exchange", "binance", "okx", "gate", "mexc", "coinbase", "list our token"),
    ),
    TopicInfo("validators", "Validators", ("validator", "staking", "stake", "delegat")),
    TopicInfo(
        "marketing",
        "Marketing and events",
        ("marketing", "campaign", "event", "conference", "ambassador", "twitter", "community"),
    ),
    TopicInfo("liquidity", "Liquidity", ("liquidity", "market maker", "uniswap", "pool")),
    TopicInfo("payments", "Payments", ("payment", "pay ", "fiat", "credit card", "usdc", "usdt")),
    TopicInfo(
        "computing",
        "Computing and database",
        ("computing", "computation", "compute", "database", "gpu", "cpu"),
    ),
    TopicInfo(
        "partnerships",
        "Partnerships",
        ("partner", "partnership", "cooperat", "collaborat", "integrat"),
    ),
    TopicInfo(
        "fundraising", "Fundraising", ("funding", "fund raising", "fundraising", "investor", "raise")
    ),
    TopicInfo("airdrops", "Airdrops", ("airdrop", "air drop")),
    TopicInfo(
        "nodes",
        "Nodes and rewards",
        ("resource node", "sds node", "node", "miner", "mining", "reward", "share to earn"),
    ),
    TopicInfo(
        "storage",
        "Storage network",
        ("storage", "sds", "upload", "download", "dropbox", "google drive"),
    ),
    TopicInfo(
        "development",
        "Development and releases",
        ("testnet", "test net", "release", "version", "upgrade", "sdk", "audit", "mesos"),
    ),
)

TOPICS_BY_SLUG: dict[str, TopicInfo] = {topic.slug: topic for topic in TOPICS}

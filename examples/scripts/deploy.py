import subprocess


def deploy(env):
    # TODO(agent): deal with the staging issue as discussed
    subprocess.run(["./release.sh", env], check=True)
    # AI: add a --dry-run flag that prints the commands instead of running them
    return env

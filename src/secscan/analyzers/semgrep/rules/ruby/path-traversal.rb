class DownloadsController < ApplicationController
  BASE_DIR = Rails.root.join("storage", "exports").to_s

  def show
    # ruleid: ruby.rails.path-traversal
    send_file Rails.root.join("storage", "exports", params[:file])
  end

  def preview
    path = File.join(BASE_DIR, params[:name])
    # ruleid: ruby.rails.path-traversal
    content = File.read(path)
    render plain: content
  end

  def destroy
    # ruleid: ruby.rails.path-traversal
    FileUtils.rm_f("#{BASE_DIR}/#{params[:name]}")
    # ruleid: ruby.rails.path-traversal
    File.open("/tmp/uploads/" + cookies[:upload_id], "wb") { |f| f.write(request.raw_post) }
    head :no_content
  end

  def safe
    name = File.basename(params[:file])
    # ok: ruby.rails.path-traversal
    send_file File.join(BASE_DIR, name)
  end

  def safe_expanded
    full = File.expand_path(params[:file], BASE_DIR)
    raise ActionController::BadRequest unless full.start_with?(BASE_DIR + "/")
    # ok: ruby.rails.path-traversal
    render plain: File.read(full)
  end

  def static
    # ok: ruby.rails.path-traversal
    render plain: File.read(Rails.root.join("README.md"))
  end
end

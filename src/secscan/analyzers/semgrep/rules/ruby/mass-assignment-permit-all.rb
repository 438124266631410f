class UsersController < ApplicationController
  def update
    @user = User.find(params[:id])
    # ruleid: ruby.rails.mass-assignment-permit-all
    @user.update(params.require(:user).permit!)
    redirect_to @user
  end

  def create
    # ruleid: ruby.rails.mass-assignment-permit-all
    attrs = params[:account].permit!
    # ok: ruby.rails.mass-assignment-permit-all
    @user = User.create(user_params)
    redirect_to @user
  end

  private

  def user_params
    # ok: ruby.rails.mass-assignment-permit-all
    params.require(:user).permit(:name, :email, :time_zone)
  end
end
